#pragma once
// The mapping from real patient ids (DICOM Patient ID, or what the user gave) to project-local
// pseudonyms ("P0001"). It lives in the project's private/ folder (`private/patients.json`),
// apart from the manifest, so that exports and shared copies can leave it out.

#include <string>
#include <vector>

namespace lnseg::project {

class PatientPseudonyms {
public:
    // Reads `path`; a missing file is an empty mapping. Throws std::runtime_error naming the
    // field when the file is not such a mapping (duplicate ids or pseudonyms included).
    static PatientPseudonyms load(const std::string& path);
    // Saves atomically (temporary file + rename); creates the folder.
    void save(const std::string& path) const;

    // The pseudonym of `patientId`; empty when the patient is not known.
    std::string find(const std::string& patientId) const;
    // The pseudonym of `patientId`, assigning the next free one ("P0007") to a new patient.
    std::string pseudonymFor(const std::string& patientId);
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::string patientId;
        std::string pseudonym;
    };
    std::vector<Entry> m_entries;
    long long m_nextNumber = 1;
};

}  // namespace lnseg::project
