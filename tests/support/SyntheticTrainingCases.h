#pragma once
// Tiny in-memory training cases for tests: a 48 x 40 x 10 "neck" (soft-tissue disc in air) with a
// bright blob node on slices 3-6; the blob moves with the case number. Built in load(), so the
// source streams like a real one; `loads` counts the cases the trainer asked for. With
// `mimics`, each case also holds a bright blob that is not a node on slices 1-8, marked as a hard
// negative (TrainingCase::hardNegatives).

#include "model/Training.h"

#include <string>
#include <vector>

class SyntheticTrainingCases : public lnseg::model::TrainingCaseSource {
public:
    explicit SyntheticTrainingCases(int cases) : m_cases(cases) {}
    std::vector<std::string> caseIds() const override
    {
        std::vector<std::string> ids;
        for (int index = 0; index < m_cases; ++index)
            ids.push_back("case_" + std::to_string(index));
        return ids;
    }
    lnseg::model::TrainingCase load(const std::string& caseId) override
    {
        ++loads;
        const int number = std::stoi(caseId.substr(5));
        lnseg::model::TrainingCase result;
        result.caseId = caseId;
        result.size[0] = 48;
        result.size[1] = 40;
        result.size[2] = 10;
        result.spacing[0] = result.spacing[1] = 1.25;
        result.spacing[2] = 3;
        result.image.assign(48 * 40 * 10, -1000);
        result.mask.assign(result.image.size(), 0);
        if (mimics)
            result.hardNegatives.assign(result.image.size(), 0);
        for (int z = 0; z < 10; ++z)
            for (int y = 0; y < 40; ++y)
                for (int x = 0; x < 48; ++x) {
                    const std::size_t index = std::size_t((z * 40 + y) * 48 + x);
                    if ((x - 24) * (x - 24) + (y - 20) * (y - 20) < 17 * 17)
                        result.image[index] = 40;
                    const int cx = 18 + number % 3 * 5, cy = 18;
                    if (z >= 3 && z <= 6 && (x - cx) * (x - cx) + (y - cy) * (y - cy) < 9) {
                        result.image[index] = 180;
                        result.mask[index] = 1;
                    }
                    if (mimics && z >= 1 && z <= 8 && (x - 30) * (x - 30) + (y - 28) * (y - 28) < 9) {
                        result.image[index] = 180;
                        result.hardNegatives[index] = 1;
                    }
                }
        return result;
    }
    int loads = 0;
    bool mimics = false;

private:
    int m_cases;
};

// A tiny SNet 2d (widths 8, attention 8) writing to `outputFolder`, one thread (OpenMP threads spin:
// under ctest -j2 more threads than cores is much slower); callers set the rest.
inline lnseg::model::TrainingOptions tinySnet2dOptions(const std::string& outputFolder)
{
    lnseg::model::TrainingOptions options;
    options.spec.architecture = "snet";
    options.spec.mode = "2d";
    options.spec.widths = {8, 8, 8};
    options.spec.attentionChannels = 8;
    options.outputFolder = outputFolder;
    options.threads = 1;
    return options;
}
