#include "project/ProjectJson.h"

#include "io/ImageFileIO.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <unistd.h>
#include <fstream>
#include <sstream>

namespace lnseg::project {

nlohmann::json readJsonFile(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw std::runtime_error(path + ": cannot open (no such file?)");
    try {
        return nlohmann::json::parse(file);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path + ": not valid JSON (" + error.what() + ")");
    }
}

void writeJsonFileAtomically(const std::string& path, const nlohmann::json& json)
{
    const std::string text = json.dump(2) + "\n";
    writeThroughTemporaryFile(path, [&](const std::string& temporary) {
        std::ofstream file(temporary, std::ios::binary);
        file << text;
        file.flush();
        if (!file)
            throw std::runtime_error(path + ": cannot write (disk full?)");
    });
}

const nlohmann::json& requireField(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    if (!object.is_object())
        throw std::runtime_error(context + ": must be a JSON object");
    const auto found = object.find(field);
    if (found == object.end())
        throw std::runtime_error(context + ": field '" + field + "' is missing");
    return *found;
}

std::string requireString(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const nlohmann::json& value = requireField(object, field, context);
    if (!value.is_string())
        throw std::runtime_error(context + ": field '" + field + "' must be a string");
    return value.get<std::string>();
}

long long requireInteger(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const nlohmann::json& value = requireField(object, field, context);
    if (!value.is_number_integer())
        throw std::runtime_error(context + ": field '" + field + "' must be an integer");
    return value.get<long long>();
}

double requireNumber(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const nlohmann::json& value = requireField(object, field, context);
    if (!value.is_number())
        throw std::runtime_error(context + ": field '" + field + "' must be a number");
    return value.get<double>();
}

std::string optionalString(const nlohmann::json& object, const std::string& field, const std::string& context,
                           const std::string& fallback)
{
    if (!object.is_object() || !object.contains(field) || object[field].is_null())
        return fallback;
    return requireString(object, field, context);
}

bool isPathInsideFolder(const std::string& relativePath)
{
    if (relativePath.empty() || relativePath.front() == '/' || relativePath.find('\\') != std::string::npos ||
        relativePath.find(':') != std::string::npos)
        return false;
    std::stringstream parts(relativePath);
    std::string part;
    while (std::getline(parts, part, '/'))
        if (part.empty() || part == "." || part == "..")
            return false;
    return relativePath.back() != '/';
}

ExclusiveFileLock::ExclusiveFileLock(std::string path, double waitSeconds) : m_path(std::move(path))
{
    namespace fs = std::filesystem;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(waitSeconds);
    while (true) {
        const int descriptor = ::open(m_path.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (descriptor >= 0) {
            ::close(descriptor);
            return;
        }
        if (errno != EEXIST)
            throw std::runtime_error(m_path + ": cannot create the write lock (read-only folder?)");
        std::error_code error;
        const auto written = fs::last_write_time(m_path, error);
        if (!error && fs::file_time_type::clock::now() - written > std::chrono::minutes(1))
            fs::remove(m_path, error);
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error(m_path + ": being changed by another process (remove this file if no lnseg is running)");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

ExclusiveFileLock::~ExclusiveFileLock()
{
    std::error_code ignored;
    std::filesystem::remove(m_path, ignored);
}

}  // namespace lnseg::project
