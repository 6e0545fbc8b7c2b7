// lnseg_set_operating_point MODEL THRESHOLD [NOTE]: records the probability threshold chosen for a
// model (on validation data: core/model/bench/operating_points.py) in the model file's metadata,
// as "operating_point": {"threshold": T, "note": NOTE}. `lnseg segment` and the application cut
// the model's probabilities there unless told otherwise (--threshold). The file is rewritten
// through a temporary file and a rename; the weights are unchanged.
#include "ModelFile.h"
#include "SegmentationModel.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr, "usage: %s MODEL THRESHOLD [NOTE]\n", argv[0]);
        return 2;
    }
    try {
        const std::string path = argv[1];
        char* end = nullptr;
        const double threshold = std::strtod(argv[2], &end);
        if (end == argv[2] || *end != '\0' || !(threshold > 0 && threshold < 1))
            throw std::runtime_error(std::string("THRESHOLD must be a number between 0 and 1, not '") + argv[2] + "'");
        lnseg::model::LoadedModel loaded = lnseg::model::loadModelFile(path);
        nlohmann::json metadata = nlohmann::json::parse(loaded.metadataJson, nullptr, false);
        if (!metadata.is_object())
            throw std::runtime_error(path + ": the model's metadata is not a JSON object");
        metadata["operating_point"] = {{"threshold", threshold}, {"note", argc == 4 ? argv[3] : ""}};
        lnseg::model::saveModelFile(*loaded.model, path, metadata.dump());
        std::printf("%s: operating point threshold %g\n", path.c_str(), threshold);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "lnseg_set_operating_point: %s\n", error.what());
        return 1;
    }
}
