#pragma once
// Who has a case open for editing: `cases/<case id>/lock.json` {user, host, pid, time}. The
// review application acquires it when opening a case; when someone else holds it the case opens
// read-only, saying who. A lock left behind (older than the stale age, or its process on this
// host is gone) can be taken over explicitly. Only the holder releases a lock.
//
// Acquiring creates the file exclusively (a complete temporary file hard-linked to lock.json,
// which fails when one is there), so two users racing for a case never both get it.

#include <optional>
#include <string>

namespace lnseg::project {

struct LockOwner {
    std::string user;
    std::string host;
    long long pid = 0;
    std::string time;  // ISO 8601 UTC, when acquired (or last refreshed)

    // Same user, host and process.
    bool sameHolder(const LockOwner& other) const { return user == other.user && host == other.host && pid == other.pid; }
};

// This process as a lock owner (user: `user`, or currentUserName(); host name; pid; now).
LockOwner currentLockOwner(const std::string& user = {});

struct LockAttempt {
    bool acquired = false;
    LockOwner holder;    // who holds the lock now (us when acquired)
    bool stale = false;  // not acquired, and the holder's lock may be taken over
};

class CaseLock {
public:
    static constexpr double kDefaultStaleHours = 12;

    // `caseFolder`: cases/<case id>.
    explicit CaseLock(std::string caseFolder, double staleHours = kDefaultStaleHours);

    std::string lockPath() const;
    // The lock's holder, or nothing when the case is not locked. Throws std::runtime_error when
    // the lock file is unreadable (the message names it).
    std::optional<LockOwner> holder() const;
    // Takes the lock when free (or already ours); else reports who holds it.
    LockAttempt acquire(const LockOwner& owner);
    // Replaces a stale lock by ours. Throws std::runtime_error naming the holder when the lock is
    // not stale (use acquire), and returns the attempt otherwise.
    LockAttempt takeOver(const LockOwner& owner);
    // Updates the time of our lock (so that a long session never looks stale).
    void refresh(const LockOwner& owner);
    // Removes the lock when `owner` holds it; returns false (and leaves it) otherwise.
    bool release(const LockOwner& owner);
    // Older than the stale age, or held by a process of this host that no longer runs.
    bool isStale(const LockOwner& holder) const;

private:
    bool createExclusively(const LockOwner& owner);
    std::string m_caseFolder;
    double m_staleHours;
};

}  // namespace lnseg::project
