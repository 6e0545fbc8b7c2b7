#pragma once
// De-identification of exports, after DICOM PS3.15 Annex E (Basic Application Level
// Confidentiality Profile), in spirit:
//  - Patient's Name and Patient ID become the case's pseudonym; birth date, sex, accession
//    number, study id, referring physician, institution, station, study and series descriptions
//    are emptied (descriptions can carry names or dates).
//  - Dates and times are removed (left empty), not shifted: a node review does not need them.
//  - UIDs (study, series, SOP instance, frame of reference) are replaced by
//    "2.25." + the decimal of the first 128 bits of SHA-256(secret + original): the same original
//    gives the same new UID within an export (references stay consistent), nobody without the
//    secret can recover or confirm the original.
//  - Source paths never appear in the export (they can hold names).
// The mapping back (pseudonym -> patient id and name, original UID -> new UID, the secret) goes to
// a separate file that must lie outside the export folder.

#include "io/DicomSourceAttributes.h"

#include <map>
#include <string>
#include <vector>

namespace lnseg {

// Maps original UIDs to de-identified ones, remembering each pair for the mapping file.
class UidRemapper {
public:
    explicit UidRemapper(std::string secret);
    // "2.25.<decimal>"; an empty UID stays empty.
    std::string remap(const std::string& originalUid);
    const std::map<std::string, std::string>& mapping() const { return m_mapping; }
    const std::string& secret() const { return m_secret; }

private:
    std::string m_secret;
    std::map<std::string, std::string> m_mapping;
};

// 32 random bytes as hex.
std::string randomExportSecret();

// The attributes with the patient replaced by `pseudonym`, identifying attributes emptied and
// every UID remapped (SOP classes and frame numbers are kept).
DicomSourceAttributes deidentifiedAttributes(const DicomSourceAttributes& original, const std::string& pseudonym,
                                             UidRemapper& uids);

struct PseudonymEntry {
    std::string pseudonym;
    std::string patientId;    // empty when the case had no DICOM source
    std::string patientName;
    std::vector<std::string> caseIds;
};

// <outputFolder>.pseudonyms.json when `requested` is empty, else `requested`. Throws when the file
// would lie inside `outputFolder`, or already exists.
std::string pseudonymMappingPath(const std::string& requested, const std::string& outputFolder);

// Writes the mapping (temporary file + rename), readable by the owner only.
void writePseudonymMapping(const std::string& path, const std::string& outputFolder,
                           const std::vector<PseudonymEntry>& patients, const UidRemapper& uids);

}  // namespace lnseg
