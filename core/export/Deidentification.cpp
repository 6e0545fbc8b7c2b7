#include "export/Deidentification.h"

#include "io/ImageFileIO.h"
#include "nodes/NodeRecord.h"

#include <QtCore/QCryptographicHash>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

// Decimal digits of a 128-bit number given as 16 big-endian bytes.
std::string decimalOf128Bits(const unsigned char* bytes)
{
    unsigned __int128 value = 0;
    for (int n = 0; n < 16; ++n)
        value = (value << 8) | bytes[n];
    if (value == 0)
        return "0";
    std::string digits;
    while (value > 0) {
        digits += static_cast<char>('0' + static_cast<int>(value % 10));
        value /= 10;
    }
    std::reverse(digits.begin(), digits.end());
    return digits;
}

bool isInside(const fs::path& candidate, const fs::path& folder)
{
    const fs::path file = fs::weakly_canonical(fs::absolute(candidate));
    const fs::path root = fs::weakly_canonical(fs::absolute(folder));
    auto f = file.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++f) {
        if (r->empty())
            continue;  // trailing separator
        if (f == file.end() || *f != *r)
            return false;
    }
    return true;
}

}  // namespace

UidRemapper::UidRemapper(std::string secret) : m_secret(std::move(secret))
{
    if (m_secret.empty())
        throw std::runtime_error("UID de-identification needs a secret");
}

std::string UidRemapper::remap(const std::string& originalUid)
{
    if (originalUid.empty())
        return {};
    if (const auto known = m_mapping.find(originalUid); known != m_mapping.end())
        return known->second;
    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(m_secret + "\n" + originalUid),
                                                       QCryptographicHash::Sha256);
    const std::string uid = "2.25." + decimalOf128Bits(reinterpret_cast<const unsigned char*>(digest.constData()));
    m_mapping.emplace(originalUid, uid);
    return uid;
}

std::string randomExportSecret()
{
    std::random_device device;
    static const char* hex = "0123456789abcdef";
    std::string secret;
    for (int n = 0; n < 32; ++n) {
        const unsigned value = device() & 0xffu;
        secret += hex[value >> 4];
        secret += hex[value & 0xfu];
    }
    return secret;
}

DicomSourceAttributes deidentifiedAttributes(const DicomSourceAttributes& original, const std::string& pseudonym,
                                             UidRemapper& uids)
{
    if (pseudonym.empty())
        throw std::runtime_error("de-identification needs a patient pseudonym");
    DicomSourceAttributes result;
    result.patientName = pseudonym;
    result.patientId = pseudonym;
    // Emptied: birth date, sex, dates/times, study id, accession number, referring physician,
    // institution, descriptions. Kept: modality and manufacturer (not identifying).
    result.modality = original.modality;
    result.manufacturer = original.manufacturer;
    result.seriesNumber = original.seriesNumber;
    result.studyInstanceUid = uids.remap(original.studyInstanceUid);
    result.seriesInstanceUid = uids.remap(original.seriesInstanceUid);
    result.frameOfReferenceUid = uids.remap(original.frameOfReferenceUid);
    for (const DicomInstanceReference& instance : original.instances)
        result.instances.push_back({instance.sopClassUid, uids.remap(instance.sopInstanceUid), instance.frameNumber});
    return result;
}

std::string pseudonymMappingPath(const std::string& requested, const std::string& outputFolder)
{
    fs::path folder = fs::path(outputFolder);
    while (!folder.empty() && folder.filename().empty())
        folder = folder.parent_path();  // "out/" -> "out"
    const fs::path path = requested.empty() ? fs::path(folder.string() + ".pseudonyms.json") : fs::path(requested);
    if (isInside(path, folder))
        throw std::runtime_error("the pseudonym mapping file " + path.string() +
                                 " must not lie inside the export folder " + outputFolder);
    if (fs::exists(path))
        throw std::runtime_error("the pseudonym mapping file " + path.string() + " already exists; refusing to overwrite it");
    return path.string();
}

void writePseudonymMapping(const std::string& path, const std::string& outputFolder,
                           const std::vector<PseudonymEntry>& patients, const UidRemapper& uids)
{
    nlohmann::json json;
    json["format"] = "lnseg-pseudonym-mapping";
    json["format_version"] = 1;
    json["export_folder"] = fs::absolute(outputFolder).string();
    json["created_at"] = currentIsoTime();
    json["uid_method"] = "2.25. + decimal of the first 128 bits of SHA-256(uid_secret + newline + original UID)";
    json["uid_secret"] = uids.secret();
    json["patients"] = nlohmann::json::array();
    for (const PseudonymEntry& entry : patients)
        json["patients"].push_back({{"pseudonym", entry.pseudonym},
                                    {"patient_id", entry.patientId},
                                    {"patient_name", entry.patientName},
                                    {"case_ids", entry.caseIds}});
    json["uids"] = nlohmann::json::object();
    for (const auto& [original, replaced] : uids.mapping())
        json["uids"][original] = replaced;
    const fs::path target(path);
    if (target.has_parent_path())
        fs::create_directories(target.parent_path());
    writeThroughTemporaryFile(path, [&](const std::string& temporary) {
        std::ofstream file(temporary);
        file << json.dump(2) << "\n";
        file.flush();
        if (!file)
            throw std::runtime_error(path + ": cannot write the pseudonym mapping");
        fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    });
}

}  // namespace lnseg
