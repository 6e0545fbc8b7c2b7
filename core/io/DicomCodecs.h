#pragma once
// DCMTK decompression codecs (JPEG, JPEG-LS, RLE) live in a global registry. Registering them is
// not safe while other threads decode, so it happens once, before any decoding thread starts.
// Also quiets DCMTK's own warning log (what matters is reported through ImportReport).

namespace lnseg {

void registerDicomCodecs();

}  // namespace lnseg
