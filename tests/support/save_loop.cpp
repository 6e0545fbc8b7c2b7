// Test helper: saves a review session over and over (each save changes one node's level and the
// label map), so that a test can kill it at an arbitrary moment and check that what is on disk is
// always one complete save. Usage: lnseg_test_save_loop SESSION.review.json
#include "review/ReviewSessionFile.h"

#include <QCoreApplication>

#include <cstdio>

using namespace lnseg;

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    if (argc != 2)
        return 2;
    ImageGeometry geometry;
    geometry.size = {96, 96, 48};
    geometry.spacing = {0.7, 0.7, 2.0};
    ReviewDocument document(std::make_shared<const Volume>(geometry, std::int16_t(30)));
    document.setReviewer("save loop");
    const std::uint16_t node = document.createNode();
    for (int iteration = 0;; ++iteration) {
        // The label map and the JSON change together: the node covers `iteration % 40 + 1` slices
        // and its level says how many, so a test can check that the two files belong together.
        const int slices = iteration % 40 + 1;
        document.deleteNode(node);
        const std::uint16_t current = document.createNode();
        for (int k = 0; k < slices; ++k)
            document.fillPolygon(2, k, {{10, 10}, {40, 10}, {40, 40}, {10, 40}}, current);
        document.setLevel(current, slices % 2 ? NodeLevel::III : NodeLevel::IV);
        document.setSide(current, NodeSide::Left);
        saveReviewSession(document, argv[1]);
        std::printf("%d\n", iteration);
        std::fflush(stdout);
        document.undoStack().clear();
    }
}
