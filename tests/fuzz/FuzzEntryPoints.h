#pragma once
// The code each libFuzzer target runs on one input, shared with the regression test
// (tests/unit/test_fuzz_regressions.cpp) so that a committed crash input goes through exactly what
// the fuzzer ran. Each function either returns (the input was loaded or politely refused inside)
// or throws std::runtime_error; anything else (a crash, a sanitizer report, another exception
// type escaping, an allocation over the fuzzer's limit) is a bug.
//
// Inputs are written to a file in a private temporary folder because the readers take paths.

#include "io/DicomSeries.h"
#include "io/ImageFileIO.h"
#include "io/Jpeg2000Decoder.h"
#include "io/JpegLsDecoder.h"
#include "project/CaseLock.h"
#include "project/ModelRegistry.h"
#include "project/PatientPseudonyms.h"
#include "project/Project.h"
#include "project/ProjectManifest.h"
#include "review/GroundTruthNodes.h"
#include "nodes/NodeRecord.h"
#include "review/ReviewSessionFile.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace lnseg::fuzz {

// A folder of this process's own, created on first use and reused (each input overwrites it).
inline const std::filesystem::path& scratchFolder()
{
    static const std::filesystem::path folder = [] {
        std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("lnseg-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

inline std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    const std::filesystem::path path = scratchFolder() / name;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    file.close();
    return path.string();
}

inline bool startsWith(const std::uint8_t* data, std::size_t size, const char* prefix, std::size_t length)
{
    return size >= length && std::memcmp(data, prefix, length) == 0;
}

// fuzz_dicom_file: the bytes as one file -> scanDicom -> loadDicomSeries of every image series it
// finds (the native fast path, DCMTK's decoders, JPEG-LS through CharLS and JPEG 2000 through
// OpenJPEG are picked by the file's transfer syntax). Bytes that start like a JPEG-LS or JPEG 2000
// codestream also go straight to that decoder.
inline void runDicomFile(const std::uint8_t* data, std::size_t size)
{
    if (startsWith(data, size, "\xFF\xD8\xFF\xF7", 4) && isJpegLsDecoderAvailable()) {  // SOI + SOF55
        (void)decodeJpegLs(data, size);
        return;
    }
    if (startsWith(data, size, "\xFF\x4F\xFF\x51", 4) || startsWith(data, size, "\x00\x00\x00\x0CjP  ", 8)) {
        (void)decodeJpeg2000(data, size);
        return;
    }
    const std::string path = writeInput(data, size, "input.dcm");
    const DicomScanResult scan = scanDicom(path);
    for (const DicomSeriesInfo& series : scan.series) {
        if (series.kind != DicomObjectKind::Image)
            continue;
        DicomLoadOptions options;
        options.threads = 1;
        (void)loadDicomSeries(series, options);
    }
}

// fuzz_image_file: the bytes as a .nii.gz (gzip magic), .nrrd ("NRRD"), .mha ("ObjectType" or
// "NDims") or .nii (anything else) -> readImageHeader, readVolume, readLabelMap.
inline void runImageFile(const std::uint8_t* data, std::size_t size)
{
    std::string name = "input.nii";
    if (startsWith(data, size, "\x1F\x8B", 2))
        name = "input.nii.gz";
    else if (startsWith(data, size, "NRRD", 4))
        name = "input.nrrd";
    else if (startsWith(data, size, "ObjectType", 10) || startsWith(data, size, "NDims", 5))
        name = "input.mha";
    const std::string path = writeInput(data, size, name);
    (void)readImageHeader(path);
    ImportReport report;
    try {
        (void)readVolume(path, &report);
    } catch (const std::runtime_error&) {
        // A file that is not a volume may still be a label map (or fail there too).
    }
    (void)readLabelMap(path);
}

// fuzz_review_json: the bytes as a review session (*.review.json next to a valid 4x3x2 label map
// "labels.nii.gz" it may name) -> readReviewSessionSource, loadReviewSession; as a phantom node
// list -> readGroundTruthNodes; and every object of the parsed JSON -> nodeRecordFromJson.
inline void runReviewJson(const std::uint8_t* data, std::size_t size)
{
    static const ImageGeometry geometry = [] {
        ImageGeometry g;
        g.size = {4, 3, 2};
        LabelMap labels(g);
        labels.at(1, 1, 1) = 1;
        writeImage(labels, (scratchFolder() / "labels.nii.gz").string());
        return g;
    }();
    const std::string path = writeInput(data, size, "session.review.json");
    try {
        (void)readReviewSessionSource(path);
    } catch (const std::runtime_error&) {
    }
    try {
        (void)loadReviewSession(path, geometry);
    } catch (const std::runtime_error&) {
    }
    try {
        (void)readGroundTruthNodes(path);
    } catch (const std::runtime_error&) {
    }
    const nlohmann::json json = nlohmann::json::parse(data, data + size, nullptr, false);
    if (json.is_discarded())
        return;
    auto tryNode = [](const nlohmann::json& item) {
        try {
            (void)nodeRecordFromJson(item);
        } catch (const std::runtime_error&) {
        }
    };
    tryNode(json);
    if (json.is_object() && json.contains("nodes") && json["nodes"].is_array())
        for (const auto& item : json["nodes"])
            tryNode(item);
    if (json.is_array())
        for (const auto& item : json)
            tryNode(item);
}

// fuzz_project_manifest: the bytes as each JSON file of a project folder, read by its reader:
// project.json (Project::open: schema migration, manifestFromJson's checks), models/registry.json
// (ModelRegistry::open), a case's lock.json (CaseLock::holder, isStale) and
// private/patients.json (PatientPseudonyms::load). A manifest that loads must also survive a
// round trip: toJson of what was read reads back to the same JSON (else abort: a finding).
inline void runProjectManifest(const std::uint8_t* data, std::size_t size)
{
    namespace fs = std::filesystem;
    const fs::path folder = scratchFolder() / "project";
    fs::remove_all(folder);
    fs::create_directories(folder / "models");
    fs::create_directories(folder / "cases" / "case-0001");
    fs::create_directories(folder / "private");
    for (const char* file : {"project/project.json", "project/models/registry.json", "project/cases/case-0001/lock.json",
                             "project/private/patients.json"})
        writeInput(data, size, file);
    // Returns normally when one reader accepted the bytes; else throws the manifest reader's refusal.
    std::string accepted, manifestRefusal;
    try {
        const project::Project opened = project::Project::open(folder.string());
        const nlohmann::json written = project::toJson(opened.manifest());
        const nlohmann::json again = project::toJson(project::manifestFromJson(written, "round trip"));
        if (written != again)
            std::abort();
        for (const auto& projectCase : opened.manifest().cases) {
            (void)opened.splitOf(projectCase.id);
            (void)opened.caseFolder(projectCase.id);
        }
        (void)opened.casesInStates({project::ReviewState::New, project::ReviewState::Approved});
        accepted = "manifest";
    } catch (const std::runtime_error& error) {
        manifestRefusal = error.what();
    }
    try {
        const project::ModelRegistry registry = project::ModelRegistry::open(folder.string());
        (void)registry.activeModelId();
        for (const auto& model : registry.models())
            (void)registry.modelPath(model);
        if (!registry.models().empty())
            accepted = "registry";
    } catch (const std::runtime_error&) {
    }
    try {
        const project::CaseLock lock((folder / "cases" / "case-0001").string());
        if (const auto holder = lock.holder()) {
            (void)lock.isStale(*holder);
            accepted = "lock";
        }
    } catch (const std::runtime_error&) {
    }
    try {
        const project::PatientPseudonyms pseudonyms =
            project::PatientPseudonyms::load((folder / "private" / "patients.json").string());
        (void)pseudonyms.find("fuzz");
        if (pseudonyms.size() > 0)
            accepted = "patients";
    } catch (const std::runtime_error&) {
    }
    if (accepted.empty())
        throw std::runtime_error(manifestRefusal);
}

}  // namespace lnseg::fuzz
