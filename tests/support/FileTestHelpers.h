#pragma once
// What the tests that build broken or modified copies of real files share: the path of a file in
// ../shared/data/real, whole-file reads and writes, and checks of refusal messages. Header-only;
// include after <QtTest/QtTest>.

#include <QtCore/QString>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace lnseg::testing {

inline std::string realData(const std::string& relative)
{
    return std::string(LNSEG_SHARED_DATA_DIR) + "/" + relative;
}

inline std::string readAll(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

inline void writeAll(const std::string& path, const std::string& bytes)
{
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace lnseg::testing

// The message of the std::runtime_error `action` throws; "NOT REFUSED" when it throws nothing and
// "WRONG EXCEPTION TYPE: ..." for another exception type (so that a check on the text fails).
#define REFUSED(action)                                                                             \
    [&]() -> QString {                                                                              \
        try {                                                                                       \
            action;                                                                                 \
        } catch (const std::runtime_error& error) {                                                 \
            return QString::fromUtf8(error.what());                                                 \
        } catch (const std::exception& error) {                                                     \
            return QStringLiteral("WRONG EXCEPTION TYPE: ") + error.what();                          \
        }                                                                                           \
        return QStringLiteral("NOT REFUSED");                                                       \
    }()

#define CHECK_MESSAGE(message, condition) QVERIFY2((condition), qPrintable(message))
