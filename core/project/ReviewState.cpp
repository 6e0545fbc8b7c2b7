#include "project/ReviewState.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace lnseg::project {

const char* toString(ReviewState state)
{
    switch (state) {
    case ReviewState::New: return "New";
    case ReviewState::InProgress: return "InProgress";
    case ReviewState::Reviewed: return "Reviewed";
    case ReviewState::Approved: return "Approved";
    case ReviewState::Returned: return "Returned";
    }
    return "New";
}

std::optional<ReviewState> reviewStateFromString(const std::string& text)
{
    std::string key;
    for (unsigned char c : text)
        if (c != '-' && c != '_' && c != ' ')
            key += char(std::tolower(c));
    for (ReviewState state : allReviewStates()) {
        std::string name = toString(state);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (key == name)
            return state;
    }
    return std::nullopt;
}

std::vector<ReviewState> allReviewStates()
{
    return {ReviewState::New, ReviewState::InProgress, ReviewState::Reviewed, ReviewState::Approved, ReviewState::Returned};
}

void checkStateChange(ReviewState from, ReviewState to, bool userIsStudyLead, const std::string& comment)
{
    const std::string change = std::string(toString(from)) + " -> " + toString(to);
    auto refuse = [&](const std::string& why) { throw std::runtime_error("cannot change " + change + ": " + why); };
    if (from == to)
        refuse("the case is already " + std::string(toString(to)));
    const bool hasComment = comment.find_first_not_of(" \t\r\n") != std::string::npos;
    switch (to) {
    case ReviewState::New:
        refuse("a case never goes back to New");
        break;
    case ReviewState::InProgress:
        if (from == ReviewState::Approved && (!userIsStudyLead || !hasComment))
            refuse("reopening an approved case is a study lead's act and needs a comment (--comment)");
        break;
    case ReviewState::Reviewed:
        if (from == ReviewState::Approved)
            refuse("an approved case is reopened (InProgress) first");
        break;
    case ReviewState::Approved:
        if (from != ReviewState::Reviewed)
            refuse("only a Reviewed case can be approved");
        if (!userIsStudyLead)
            refuse("approving is a study lead's act");
        break;
    case ReviewState::Returned:
        if (from != ReviewState::Reviewed)
            refuse("only a Reviewed case can be returned");
        if (!userIsStudyLead)
            refuse("returning a case is a study lead's act");
        if (!hasComment)
            refuse("returning a case needs a comment saying why (--comment)");
        break;
    }
}

}  // namespace lnseg::project
