#pragma once
// The data a reviewer works on: the image, the instance label map and the node table, with every
// change made through an undoable command (Qt's undo framework). Views observe the document and
// call its editing functions; they never change the label map themselves.

#include "image/VoxelGrid.h"
#include "nodes/NodeExtraction.h"
#include "review/LabelDelta.h"
#include "anatomy/AnatomicalLandmarks.h"
#include "nodes/NodeRecord.h"

#include <QObject>
#include <QUndoStack>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lnseg {

// Where the image came from, saved with the review so a session can be reopened.
struct SourceReference {
    std::string path;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
};

class ReviewDocument : public QObject {
    Q_OBJECT
public:
    explicit ReviewDocument(std::shared_ptr<const Volume> image, QObject* parent = nullptr);
    ~ReviewDocument() override;

    // Replaces labels and nodes without an undo step (opening a saved session). The label map must
    // lie on the image's grid; nodes without voxels are kept, labels without a node get one.
    void resetLabels(LabelMap labels, std::vector<NodeRecord> nodes);

    const Volume& image() const { return *m_image; }
    std::shared_ptr<const Volume> sharedImage() const { return m_image; }
    const LabelMap& labels() const { return m_labels; }
    const std::vector<NodeRecord>& nodes() const { return m_nodes; }
    const NodeRecord* findNode(std::uint16_t label) const;
    QUndoStack& undoStack() { return m_undoStack; }

    const std::string& reviewer() const { return m_reviewer; }
    void setReviewer(std::string name) { m_reviewer = std::move(name); }
    const SourceReference& source() const { return m_source; }
    void setSource(SourceReference source) { m_source = std::move(source); }
    // What the image's geometry assumed because its file did not say (the import's spacing_assumed
    // and positions_assumed warnings); recorded on every node measured from then on, as part of its
    // provenance. Empty: the geometry is as stated.
    const std::string& assumedGeometry() const { return m_assumedGeometry; }
    void setAssumedGeometry(std::string text) { m_assumedGeometry = std::move(text); }

    // "12 of 17 reviewed": nodes whose status is no longer Proposed.
    std::size_t reviewedCount() const;
    // Next node after `label` (in table order) still Proposed; 0 when none. Wraps around.
    std::uint16_t nextUnreviewed(std::uint16_t label, bool forward = true) const;
    // Region whose labels changed in the last change, undo or redo (for views to redraw).
    const VoxelRegion& lastChangedRegion() const { return m_lastChangedRegion; }

    // A read-only document (a case someone else holds) ignores every editing call below; undo and
    // redo stay available only for what was done before.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }

    // ---- Editing; each call is one undo step. ----
    // Painting: a stroke of dabs is one step. `label` 0 is not allowed; `erase` removes `label`.
    void beginStroke(std::uint16_t label, bool erase);
    // A disc of `radiusMm` in the plane perpendicular to index axis `axis`, centred at the
    // continuous voxel index `centre` (on slice round(centre[axis])).
    void paintDab(int axis, const Vector3& centre, double radiusMm);
    void endStroke();
    bool strokeActive() const { return m_stroke != nullptr; }
    // Fills a polygon given in the plane's index coordinates ((i,j) axial, (i,k) coronal, (j,k)
    // sagittal) on slice `slice` of `axis`. Background only: other nodes are not overwritten.
    void fillPolygon(int axis, int slice, const std::vector<std::array<double, 2>>& polygon, std::uint16_t label);
    // Fills the slices between the slices where `label` was drawn along `axis`, by interpolating
    // the shapes (signed distance) of each pair of drawn slices.
    void interpolateBetweenSlices(std::uint16_t label, int axis = 2);
    // A new, empty node drawn by hand; returns its label.
    std::uint16_t createNode();
    void deleteNode(std::uint16_t label);
    void mergeNodes(std::uint16_t keep, std::uint16_t absorbed);
    // Splits a node into its connected parts; returns the labels of the parts (the first keeps `label`).
    std::vector<std::uint16_t> splitNode(std::uint16_t label);
    // A reader's level or side: the provenance says "reader" from then on.
    void setLevel(std::uint16_t label, NodeLevel level);
    void setSide(std::uint16_t label, NodeSide side);
    // Level and side suggested from the scan's landmarks (anatomy/LevelRules.h) for every node with
    // voxels whose level no reader set or confirmed (the label given: that node only), as one undo
    // step. The record says "suggested" until confirmLevel() or setLevel(). Returns how many.
    std::size_t suggestLevels(const AnatomicalLandmarks& landmarks, std::uint16_t label = 0);
    // The reader takes the suggested level and side as they are.
    void confirmLevel(std::uint16_t label);
    // The landmarks of this scan (found in the background by whoever opened it; null until then).
    // Not part of the undo history. While set, every edit that changes a node's voxels (painting,
    // contours, proposals, splits ...) also suggests the level of each changed node whose level is
    // unassigned or still a suggestion, in the same undo step: a suggestion follows the voxels.
    void setLandmarks(std::shared_ptr<const AnatomicalLandmarks> landmarks);
    std::shared_ptr<const AnatomicalLandmarks> landmarks() const { return m_landmarks; }
    void setStatus(std::uint16_t label, NodeStatus status);
    // Adds model proposals. Earlier proposals nobody touched are replaced; nodes a human touched
    // (accepted, edited, rejected, or drawn) are never overwritten: proposals mostly inside them
    // are dropped and the rest only fill background. Returns the number of proposals added.
    std::size_t addProposals(const ExtractedNodes& proposals, const std::string& modelName);

Q_SIGNALS:
    void labelsChanged();
    void nodesChanged();
    void landmarksChanged();

private:
    friend class ReviewChangeCommand;
    struct Stroke;
    NodeRecord* mutableNode(std::uint16_t label);
    std::uint16_t nextFreeLabel() const;
    void touch(NodeRecord& node) const;
    // One undo step that changes only the node record `label` (level, side, status).
    void changeRecord(std::uint16_t label, const QString& text, const std::function<void(NodeRecord&)>& change);
    // Re-measures the nodes the delta touched, then pushes the change as one undo step.
    // The delta has already been applied to m_labels.
    void commit(const QString& text, LabelDelta delta, std::vector<NodeRecord> nodesBefore,
                std::vector<NodeRecord> nodesAfter);
    void remeasure(std::vector<NodeRecord>& nodes, const LabelDelta& delta) const;
    // Puts the landmarks' suggestion into `record` when no reader set or confirmed its level;
    // false when nothing was suggested.
    static bool applySuggestion(NodeRecord& record, const AnatomicalLandmarks& landmarks);
    // Called by the command.
    void applyState(const LabelDelta& delta, bool forward, const std::vector<NodeRecord>& nodes);

    std::shared_ptr<const Volume> m_image;
    LabelMap m_labels;
    std::vector<NodeRecord> m_nodes;
    QUndoStack m_undoStack;
    std::string m_reviewer;
    bool m_readOnly = false;
    SourceReference m_source;
    std::string m_assumedGeometry;
    std::shared_ptr<const AnatomicalLandmarks> m_landmarks;
    VoxelRegion m_lastChangedRegion;
    std::unique_ptr<Stroke> m_stroke;
};

}  // namespace lnseg
