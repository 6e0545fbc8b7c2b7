// Nodal level suggestion, evaluated (issue 15): README numbers.
//
//   lnseg_level_evaluation [--cases N] [--seed S] [--randomize] [--size small|full] [--real DIR]
//
// Phantoms (held-out seeds, default 31000..): landmarks detected in each image, every reference
// node's centre classified by the boundary rules (anatomy/LevelRules.h); level and side accuracy
// against the phantom's nodes JSON with a confusion matrix. Also the rules applied to the
// phantom's true landmarks (its anatomy model), which checks the generator's own level assignment
// against the published rules, and the detected heights' errors.
// --real DIR: the OpenKBP CTs (pt_N_ct.nii.gz + pt_N_oar.nii.gz): how far the detected mandible,
// hyoid and cricoid lie from the mandible and larynx masks.

#include "anatomy/LandmarkDetection.h"
#include "anatomy/LevelRules.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"
#include "../tests/support/PhantomLandmarks.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

using namespace lnseg;

namespace {

void printConfusion(const std::map<std::string, std::map<std::string, int>>& confusion)
{
    std::vector<std::string> names;
    for (NodeLevel level : allNodeLevels()) names.push_back(toString(level));
    names.push_back("");
    std::printf("%-8s", "ref\\sug");
    for (const std::string& n : names) std::printf("%6s", n.empty() ? "none" : n.c_str());
    std::printf("\n");
    for (const std::string& row : names) {
        if (!confusion.count(row)) continue;
        std::printf("%-8s", row.empty() ? "none" : row.c_str());
        for (const std::string& col : names) {
            auto it = confusion.at(row).find(col);
            std::printf("%6d", it == confusion.at(row).end() ? 0 : it->second);
        }
        std::printf("\n");
    }
}

int evaluateReal(const std::string& folder)
{
    std::printf("case        mandible_bottom(det/mask/err)  cricoid(det) larynx_bottom  err   hyoid(det) larynx_top  missing\n");
    std::vector<double> mandibleErrors, cricoidErrors;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.size() < 10 || name.substr(name.size() - 10) != "_ct.nii.gz") continue;
        const std::string stem = name.substr(0, name.size() - 10);
        const Volume ct = readVolume(entry.path().string());
        const LabelMap oar = readLabelMapFor((entry.path().parent_path() / (stem + "_oar.nii.gz")).string(), ct.geometry());
        const AnatomicalLandmarks marks = detectLandmarks(ct);
        double mandibleLow = 1e9, larynxLow = 1e9, larynxHigh = -1e9;
        const ImageGeometry& g = ct.geometry();
        for (std::int64_t k = 0; k < g.size[2]; ++k)
            for (std::int64_t j = 0; j < g.size[1]; ++j)
                for (std::int64_t i = 0; i < g.size[0]; ++i) {
                    const auto label = oar.at(i, j, k);
                    if (label != 6 && label != 7) continue;
                    const double z = g.indexToWorld({double(i), double(j), double(k)})[2];
                    if (label == 7) mandibleLow = std::min(mandibleLow, z);
                    else { larynxLow = std::min(larynxLow, z); larynxHigh = std::max(larynxHigh, z); }
                }
        std::string missing;
        for (const std::string& m : marks.missing()) missing += m + "; ";
        const double mandibleError = marks.mandibleBottom.found && mandibleLow < 1e8 ? marks.mandibleBottom.z - mandibleLow : NAN;
        const double cricoidError = marks.cricoidBottom.found && larynxLow < 1e8 ? marks.cricoidBottom.z - larynxLow : NAN;
        if (!std::isnan(mandibleError)) mandibleErrors.push_back(std::abs(mandibleError));
        if (!std::isnan(cricoidError)) cricoidErrors.push_back(std::abs(cricoidError));
        std::printf("%-10s  %7.1f %7.1f %6.1f           %7.1f %7.1f %6.1f   %7.1f %7.1f  %s\n", stem.c_str(),
                    marks.mandibleBottom.found ? marks.mandibleBottom.z : NAN, mandibleLow, mandibleError,
                    marks.cricoidBottom.found ? marks.cricoidBottom.z : NAN, larynxLow, cricoidError,
                    marks.hyoidBottom.found ? marks.hyoidBottom.z : NAN, larynxHigh, missing.c_str());
    }
    auto summary = [](const char* what, std::vector<double> v) {
        if (v.empty()) { std::printf("%s: none\n", what); return; }
        std::sort(v.begin(), v.end());
        double sum = 0;
        for (double e : v) sum += e;
        std::printf("%s: %zu cases, mean |error| %.1f mm, median %.1f mm, max %.1f mm\n", what, v.size(), sum / v.size(), v[v.size() / 2], v.back());
    };
    summary("mandible bottom vs lowest mandible mask voxel", mandibleErrors);
    summary("cricoid bottom vs lowest larynx mask voxel", cricoidErrors);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    int cases = 10;
    std::uint64_t seed = 31000;
    bool randomize = false, full = true;
    for (int a = 1; a < argc; ++a) {
        if (!std::strcmp(argv[a], "--cases") && a + 1 < argc) cases = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--seed") && a + 1 < argc) seed = std::strtoull(argv[++a], nullptr, 10);
        else if (!std::strcmp(argv[a], "--randomize")) randomize = true;
        else if (!std::strcmp(argv[a], "--size") && a + 1 < argc) full = std::strcmp(argv[++a], "small") != 0;
        else if (!std::strcmp(argv[a], "--real") && a + 1 < argc) return evaluateReal(argv[++a]);
        else { std::fprintf(stderr, "usage: %s [--cases N] [--seed S] [--randomize] [--size small|full] [--real DIR]\n", argv[0]); return 2; }
    }
    std::map<std::string, std::map<std::string, int>> confusion, truthConfusion;
    int total = 0, levelRight = 0, sideRight = 0, truthRight = 0, uncertain = 0, uncertainWrong = 0, wrong = 0;
    std::map<std::string, std::vector<double>> heightErrors;
    double detectSeconds = 0;
    for (int c = 0; c < cases; ++c) {
        PhantomOptions options = full ? PhantomOptions{} : PhantomOptions::small(seed + c, 256, 256, 80);
        options.seed = seed + c;
        options.threads = 2;
        options.randomization.enabled = randomize;
        const PhantomCase phantom = generateNeckPhantom(options, "eval");
        const auto start = std::chrono::steady_clock::now();
        const AnatomicalLandmarks marks = detectLandmarks(phantom.image);
        detectSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto anatomy = phantomAnatomy(options);
        const AnatomicalLandmarks truth = phantomLandmarks(*anatomy);
        auto err = [&](const char* name, const HeightLandmark& d, const HeightLandmark& t) {
            heightErrors[name].push_back(d.found ? d.z - t.z : NAN);
        };
        err("manubrium", marks.manubriumTop, truth.manubriumTop);
        err("cricoid", marks.cricoidBottom, truth.cricoidBottom);
        err("hyoid", marks.hyoidBottom, truth.hyoidBottom);
        err("mandible", marks.mandibleBottom, truth.mandibleBottom);
        err("skull base", marks.skullBase, truth.skullBase);
        heightErrors["gland R back"].push_back(marks.gland[0].found ? marks.gland[0].backY - truth.gland[0].backY : NAN);
        heightErrors["gland L back"].push_back(marks.gland[1].found ? marks.gland[1].backY - truth.gland[1].backY : NAN);
        for (const PhantomNode& node : phantom.nodes) {
            const LevelSuggestion s = suggestLevel(node.centre, marks);
            const LevelSuggestion t = suggestLevel(node.centre, truth);
            const std::string suggested = toString(s.level);
            ++confusion[node.level][suggested];
            ++truthConfusion[node.level][toString(t.level)];
            ++total;
            if (suggested == node.level) ++levelRight;
            else ++wrong;
            if (std::string(toString(t.level)) == node.level) ++truthRight;
            if (std::string(toString(s.side)) == node.side) ++sideRight;
            if (!s.alternatives.empty()) {
                ++uncertain;
                if (suggested != node.level) ++uncertainWrong;
            }
            if (std::getenv("LNSEG_LEVEL_VERBOSE") && suggested != node.level)
                std::printf("seed %llu node %d ref %s sug %s (%s, conf %.2f) truth-rules %s at (%.1f %.1f %.1f)\n",
                            static_cast<unsigned long long>(options.seed), node.id, node.level.c_str(), suggested.c_str(),
                            s.describe().c_str(), s.confidence, toString(t.level), node.centre[0], node.centre[1], node.centre[2]);
        }
    }
    std::printf("%d %s phantoms (seeds %llu-%llu, %s), %d reference nodes; detection %.2f s per case\n", cases,
                randomize ? "randomized" : "fixed-appearance", static_cast<unsigned long long>(seed),
                static_cast<unsigned long long>(seed + cases - 1), full ? "512x512x160, 0.65 x 1.5 mm" : "256x256x80, 1.3 x 3 mm",
                total, detectSeconds / std::max(1, cases));
    std::printf("level accuracy (detected landmarks): %.1f %% (%d/%d); side accuracy %.1f %%\n", 100.0 * levelRight / std::max(1, total),
                levelRight, total, 100.0 * sideRight / std::max(1, total));
    std::printf("flagged uncertain: %d nodes, of which %d wrong (of %d wrong in all)\n", uncertain, uncertainWrong, wrong);
    std::printf("rules on the phantom's true landmarks vs its own labels: %.1f %% (%d/%d)\n", 100.0 * truthRight / std::max(1, total),
                truthRight, total);
    std::printf("\nconfusion (rows: reference level, columns: suggested):\n");
    printConfusion(confusion);
    std::printf("\nconfusion of the rules on the true landmarks (generator check):\n");
    printConfusion(truthConfusion);
    std::printf("\nlandmark errors, detected - true (mm):\n");
    for (const auto& [name, errors] : heightErrors) {
        std::printf("%-14s", name.c_str());
        for (double e : errors) std::printf(" %6.1f", e);
        std::printf("\n");
    }
    return 0;
}
