#include "io/DicomCodecs.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcobject.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace lnseg {

void registerDicomCodecs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK logs warnings and errors (e.g. "PixelData encountered, skipping rest of dataset" when a
        // header scan stops early) to stderr; problems that matter reach the ImportReport.
        OFLog::getLogger("dcmtk").setLogLevel(OFLogger::FATAL_LOG_LEVEL);
        // Explicit VR files that store known attributes as UN (e.g. Modality, Pixel Data)
        // are read with the dictionary VR, so their values are usable.
        dcmEnableUnknownVRConversion.set(OFTrue);
        // Keep the photometric interpretation as stored: CT and MR are monochrome, and a YBR to
        // RGB conversion would only matter for colour images, which are refused later anyway.
        DJDecoderRegistration::registerCodecs(EDC_photometricInterpretation);
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

}  // namespace lnseg
