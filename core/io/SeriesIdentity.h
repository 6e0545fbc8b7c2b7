#pragma once
// What identifies the series of a DICOM file when its Series Instance UID is empty (anonymisers
// and research exports empty it, often with the Study Instance UID and SOP Class UID).
//
// The choice follows dcm2niix (nii_dicom_batch.cpp, isSameSet: files are stacked when
// manufacturer, modality, derived or original image type, series number, study (UID, else study
// date and time), image size and the echo agree) and ITK/GDCM (GDCMSeriesFileNames with series
// details: series UID plus series number, rows and columns): here the study (UID, else date and
// time), patient ID, Frame of Reference UID, modality, manufacturer, series number and
// description, image type and echo number, each where present. Image size, orientation and pixel
// spacing split the group further like any series (the scanner's geometry key). Acquisition
// Number splits it only where two acquisitions hold slices at the same position (a repeated
// scan): sequential CT writes one acquisition per rotation, which must stay one stack.
//
// The key ("nouid-" and 16 hex digits of a hash of these values and the geometry) is stable from
// run to run, so `lnseg convert --series KEY`, the application's series picker and saved review
// sessions can name the series.

#include <string>

namespace lnseg {

struct SeriesIdentity {
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyTime;
    std::string patientId;
    std::string frameOfReferenceUid;
    std::string modality;
    std::string manufacturer;
    std::string seriesNumber;  // as written (empty when absent)
    std::string seriesDescription;
    std::string imageType;
    std::string echoNumbers;

    // The values joined: files with equal text belong to one series (before geometry).
    std::string text() const;
};

// "nouid-" + 16 hex digits of a 64-bit FNV-1a hash of `identityText` and `geometryText`.
std::string seriesKeyWithoutUid(const std::string& identityText, const std::string& geometryText);

bool isSeriesKeyWithoutUid(const std::string& key);

}  // namespace lnseg
