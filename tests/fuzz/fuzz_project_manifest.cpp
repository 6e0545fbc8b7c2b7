// libFuzzer target fuzz_project_manifest: see FuzzEntryPoints.h (runProjectManifest) and README.md.
#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        lnseg::fuzz::runProjectManifest(data, size);
    } catch (const std::runtime_error&) {
        // A clear refusal is the expected outcome for most inputs. Any other exception type
        // escapes and aborts: the readers promise std::runtime_error.
    }
    return 0;
}
