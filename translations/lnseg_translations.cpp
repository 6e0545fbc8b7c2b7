// lnseg_translations holds the compiled translations (:/i18n/lnseg_<language>.qm) as resources;
// this file only gives the library a source. See translations/CMakeLists.txt.
namespace lnseg {
int translationsLibraryMarker = 0;
}  // namespace lnseg
