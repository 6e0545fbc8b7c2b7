#include "project/CaseLock.h"

#include "project/Project.h"
#include "project/ProjectJson.h"
#include "nodes/NodeRecord.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include <signal.h>
#include <unistd.h>

namespace lnseg::project {
namespace fs = std::filesystem;
namespace {

std::string hostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return "unknown-host";
    return name;
}

nlohmann::json toJson(const LockOwner& owner)
{
    return {{"user", owner.user}, {"host", owner.host}, {"pid", owner.pid}, {"time", owner.time}};
}

// Seconds since the epoch of an ISO 8601 UTC time "2026-11-27T10:15:00Z"; -1 when unreadable.
long long secondsSinceEpoch(const std::string& isoTime)
{
    std::tm parts{};
    if (std::sscanf(isoTime.c_str(), "%d-%d-%dT%d:%d:%d", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                    &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6)
        return -1;
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    return static_cast<long long>(timegm(&parts));
}

}  // namespace

LockOwner currentLockOwner(const std::string& user)
{
    return {user.empty() ? currentUserName() : user, hostName(), static_cast<long long>(getpid()), currentIsoTime()};
}

CaseLock::CaseLock(std::string caseFolder, double staleHours) : m_caseFolder(std::move(caseFolder)), m_staleHours(staleHours)
{
}

std::string CaseLock::lockPath() const { return (fs::path(m_caseFolder) / "lock.json").string(); }

std::optional<LockOwner> CaseLock::holder() const
{
    const std::string path = lockPath();
    if (!fs::exists(path))
        return std::nullopt;
    const nlohmann::json json = readJsonFile(path);
    LockOwner owner;
    owner.user = requireString(json, "user", path);
    owner.host = requireString(json, "host", path);
    owner.pid = requireInteger(json, "pid", path);
    owner.time = requireString(json, "time", path);
    return owner;
}

bool CaseLock::createExclusively(const LockOwner& owner)
{
    if (!fs::is_directory(m_caseFolder))
        throw std::runtime_error(m_caseFolder + ": no such case folder");
    const fs::path temporary = fs::path(m_caseFolder) / (".lock-" + owner.host + "-" + std::to_string(owner.pid) + ".partial");
    {
        std::ofstream file(temporary);
        file << toJson(owner).dump(2) << "\n";
        if (!file.flush())
            throw std::runtime_error(temporary.string() + ": cannot write the lock (read-only folder?)");
    }
    std::error_code error;
    fs::create_hard_link(temporary, lockPath(), error);
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return !error;
}

LockAttempt CaseLock::acquire(const LockOwner& owner)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (createExclusively(owner))
            return {true, owner, false};
        const std::optional<LockOwner> current = holder();
        if (!current)
            continue;  // released in between: try again
        if (current->sameHolder(owner))
            return {true, *current, false};
        return {false, *current, isStale(*current)};
    }
    throw std::runtime_error(lockPath() + ": cannot take the lock (it keeps changing)");
}

LockAttempt CaseLock::takeOver(const LockOwner& owner)
{
    const std::optional<LockOwner> current = holder();
    if (!current)
        return acquire(owner);
    if (current->sameHolder(owner))
        return {true, *current, false};
    if (!isStale(*current))
        throw std::runtime_error("the case is locked by " + current->user + " on " + current->host + " (process " +
                                 std::to_string(current->pid) + ", since " + current->time +
                                 "): the lock is not stale and cannot be taken over");
    // Replace by rename (atomic); if two take over at once, the last rename wins and the other
    // sees someone else's lock when it reads it back.
    writeJsonFileAtomically(lockPath(), toJson(owner));
    const std::optional<LockOwner> now = holder();
    if (now && now->sameHolder(owner))
        return {true, *now, false};
    return {false, now.value_or(LockOwner{}), false};
}

void CaseLock::refresh(const LockOwner& owner)
{
    const std::optional<LockOwner> current = holder();
    if (!current || !current->sameHolder(owner))
        throw std::runtime_error(lockPath() + ": not our lock");
    LockOwner updated = *current;
    updated.time = currentIsoTime();
    writeJsonFileAtomically(lockPath(), toJson(updated));
}

bool CaseLock::release(const LockOwner& owner)
{
    const std::optional<LockOwner> current = holder();
    if (!current || !current->sameHolder(owner))
        return false;
    fs::remove(lockPath());
    return true;
}

bool CaseLock::isStale(const LockOwner& holder) const
{
    const long long acquired = secondsSinceEpoch(holder.time);
    const long long now = static_cast<long long>(std::time(nullptr));
    if (acquired < 0 || double(now - acquired) > m_staleHours * 3600.0)
        return true;
    if (holder.host == hostName() && holder.pid > 0 && ::kill(pid_t(holder.pid), 0) != 0 && errno == ESRCH)
        return true;
    return false;
}

}  // namespace lnseg::project
