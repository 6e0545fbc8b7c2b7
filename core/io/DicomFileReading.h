#pragma once
// Reading a DICOM file with DCMTK, including files without a preamble whose data set is preceded
// by a few stray bytes (seen in the wild, e.g. pydicom's no_meta.dcm): DCMTK refuses those, so
// the data set's start is located and read from there.

#include <dcmtk/dcmdata/dcfilefo.h>

#include <string>

namespace lnseg {

// Where the data set of a file without preamble starts: 0 for a normal raw data set, 1-7 when
// stray bytes precede a plausible first element of group 0002 or 0008; -1 when none is found.
int rawDataSetOffset(const std::string& path);

// Loads the file; with `stopBeforePixelData` only the attributes before (7FE0,0010) are read.
OFCondition loadDicomFile(DcmFileFormat& file, const std::string& path, bool stopBeforePixelData);

// A user's reading of a failed loadDicomFile: DCMTK's "I/O suspension or premature end of stream"
// becomes "the file is truncated (...)"; other conditions keep DCMTK's text.
std::string describeReadFailure(const OFCondition& status);

// Why a file that looks like DICOM (the DICM marker, or a raw data set) is still not readable
// DICOM; empty when nothing is wrong. Checked before parsing: a DICM marker must be followed by
// the File Meta Information (group 0002), as in every DICOM file (PS3.10 7.1). Checked after
// parsing (`file` loaded): the data set must hold at least one standard attribute of the
// patient, study, series, equipment or image modules (groups 0008, 0010, 0018, 0020, 0028), else
// what DCMTK read is noise that happened to parse (garbage after the marker, a file of another
// format with "DICM" at byte 128).
std::string unreadableBeforeParsing(const std::string& path);
std::string unreadableAfterParsing(DcmFileFormat& file);

}  // namespace lnseg
