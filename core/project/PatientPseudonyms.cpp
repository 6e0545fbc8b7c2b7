#include "project/PatientPseudonyms.h"

#include "project/ProjectJson.h"

#include <cstdio>
#include <filesystem>
#include <set>

namespace lnseg::project {

PatientPseudonyms PatientPseudonyms::load(const std::string& path)
{
    PatientPseudonyms result;
    if (!std::filesystem::exists(path))
        return result;
    const nlohmann::json json = readJsonFile(path);
    if (!json.is_object() || json.value("format", nlohmann::json()) != "lnseg-project-patients")
        throw std::runtime_error(path + ": not an lnseg patient pseudonym file");
    result.m_nextNumber = requireInteger(json, "nextNumber", path);
    const nlohmann::json& patients = requireField(json, "patients", path);
    if (!patients.is_array())
        throw std::runtime_error(path + ": field 'patients' must be a list");
    std::set<std::string> ids, pseudonyms;
    for (std::size_t index = 0; index < patients.size(); ++index) {
        const std::string context = path + ": patient " + std::to_string(index + 1);
        Entry entry{requireString(patients[index], "patientId", context), requireString(patients[index], "pseudonym", context)};
        if (!ids.insert(entry.patientId).second || !pseudonyms.insert(entry.pseudonym).second)
            throw std::runtime_error(context + ": the patient id or pseudonym " + entry.pseudonym + " is listed twice");
        result.m_entries.push_back(std::move(entry));
    }
    return result;
}

void PatientPseudonyms::save(const std::string& path) const
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    nlohmann::json json{{"format", "lnseg-project-patients"}, {"schemaVersion", 1}, {"nextNumber", m_nextNumber}};
    json["patients"] = nlohmann::json::array();
    for (const Entry& entry : m_entries)
        json["patients"].push_back({{"patientId", entry.patientId}, {"pseudonym", entry.pseudonym}});
    writeJsonFileAtomically(path, json);
}

std::string PatientPseudonyms::find(const std::string& patientId) const
{
    for (const Entry& entry : m_entries)
        if (entry.patientId == patientId)
            return entry.pseudonym;
    return {};
}

std::string PatientPseudonyms::pseudonymFor(const std::string& patientId)
{
    if (std::string known = find(patientId); !known.empty())
        return known;
    char name[24];
    std::snprintf(name, sizeof name, "P%04lld", m_nextNumber++);
    m_entries.push_back({patientId, name});
    return name;
}

}  // namespace lnseg::project
