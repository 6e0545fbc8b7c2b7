#include "io/DicomFileReading.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcistrmf.h>

#include <cstring>
#include <fstream>

namespace lnseg {
namespace {

// One data element header at bytes (little endian, explicit or implicit VR): its tag and the
// offset of the next element; false when it cannot start a raw data set's first groups.
bool parseElement(const unsigned char* bytes, std::size_t available, std::uint32_t& tag, std::size_t& next)
{
    if (available < 8)
        return false;
    const unsigned group = bytes[0] | (bytes[1] << 8), element = bytes[2] | (bytes[3] << 8);
    if (group != 0x0002 && group != 0x0008)
        return false;
    tag = (std::uint32_t(group) << 16) | element;
    const bool explicitVr = bytes[4] >= 'A' && bytes[4] <= 'Z' && bytes[5] >= 'A' && bytes[5] <= 'Z';
    std::uint64_t length = 0;
    std::size_t header = 8;
    if (explicitVr) {
        const std::string vr{char(bytes[4]), char(bytes[5])};
        if (vr == "OB" || vr == "OW" || vr == "OF" || vr == "SQ" || vr == "UT" || vr == "UN") {
            if (available < 12)
                return false;
            length = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (std::uint32_t(bytes[11]) << 24);
            header = 12;
        } else {
            length = bytes[6] | (bytes[7] << 8);
        }
    } else {
        length = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (std::uint32_t(bytes[7]) << 24);
        if (length >= 0x10000 && length != 0xFFFFFFFFu)
            return false;
    }
    if (element == 0x0000 && length != 4)  // a group length is one UL
        return false;
    next = length == 0xFFFFFFFFu ? available : header + std::size_t(length);
    return true;
}

// A raw data set starts here: its first element parses, and so does the one after it (in
// ascending tag order) when that lies within the bytes read. Random bytes (a ZIP file's header,
// say) rarely pass both.
bool plausibleDataSetAt(const unsigned char* bytes, std::size_t available)
{
    std::uint32_t first = 0, second = 0;
    std::size_t next = 0, after = 0;
    if (!parseElement(bytes, available, first, next))
        return false;
    if (next + 8 > available)
        return true;  // a long first element: nothing more to check in the bytes read
    return parseElement(bytes + next, available - next, second, after) && second > first;
}

}  // namespace

int rawDataSetOffset(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    unsigned char header[512] = {};
    stream.read(reinterpret_cast<char*>(header), sizeof header);
    const std::size_t got = static_cast<std::size_t>(stream.gcount());
    for (int offset = 0; offset < 8; ++offset)
        if (plausibleDataSetAt(header + offset, got - std::min<std::size_t>(got, offset)))
            return offset;
    return -1;
}

OFCondition loadDicomFile(DcmFileFormat& file, const std::string& path, bool stopBeforePixelData)
{
    const DcmTagKey stopAt = stopBeforePixelData ? DCM_PixelData : DCM_UndefinedTagKey;
    OFCondition status = stopBeforePixelData
                             ? file.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, 64 * 1024, ERM_autoDetect, stopAt)
                             : file.loadFile(path.c_str());
    if (status.good())
        return status;
    const int offset = rawDataSetOffset(path);
    if (offset <= 0)
        return status;
    // Stray bytes before a raw data set: read the data set from where it starts. Everything is
    // read into memory: DCMTK's lazy loading of large elements would reopen the file without the offset.
    DcmInputFileStream stream(path.c_str(), static_cast<offile_off_t>(offset));
    if (stream.status().bad())
        return status;
    file.clear();
    file.transferInit();
    const OFCondition retry = file.readUntilTag(stream, EXS_Unknown, EGL_noChange,
                                                stopBeforePixelData ? 64 * 1024 : 0xFFFFFFFEu, stopAt);
    file.transferEnd();
    return retry.good() || retry == EC_StreamNotifyClient ? EC_Normal : status;
}

std::string unreadableBeforeParsing(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    unsigned char header[136] = {};
    stream.read(reinterpret_cast<char*>(header), sizeof header);
    if (stream.gcount() < 132 || std::memcmp(header + 128, "DICM", 4) != 0)
        return {};  // no marker: a raw data set, judged by rawDataSetOffset and the parser
    if (stream.gcount() < static_cast<std::streamsize>(sizeof header) || header[132] != 0x02 || header[133] != 0x00)
        return "not readable DICOM: the DICM marker is not followed by the File Meta Information (group 0002); "
               "the bytes after it are not DICOM (corrupt or another format)";
    return {};
}

std::string unreadableAfterParsing(DcmFileFormat& file)
{
    DcmDataset* data = file.getDataset();
    if (data)
        for (unsigned long index = 0; index < data->card(); ++index) {
            const Uint16 group = data->getElement(index)->getGTag();
            if (group == 0x0008 || group == 0x0010 || group == 0x0018 || group == 0x0020 || group == 0x0028)
                return {};
        }
    return "not readable DICOM: no standard attribute (patient, study, series or image) could be read; the data "
           "set is corrupt or the file is not DICOM";
}

std::string describeReadFailure(const OFCondition& status)
{
    if (status == EC_StreamNotifyClient || status == EC_PrematureSequDelimitationItem)
        return std::string("the file is truncated (") + status.text() + ")";
    return status.text();
}

}  // namespace lnseg
