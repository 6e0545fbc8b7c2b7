#pragma once
// The review state of a case in a project and the rules for changing it:
//
//   New ──▶ InProgress ──▶ Reviewed ──▶ Approved   (approving: a study lead)
//    │          ▲   ▲          │   ▲
//    └──────────┼───┼──────────┘   │   Reviewed ──▶ Returned (a study lead, with a comment)
//               │   └── Returned ──┘   Returned ──▶ InProgress or Reviewed
//               └─ Approved (reopened by a study lead, with a comment)
//
// Only approved cases train a model by default, so approval is the study lead's act.

#include <optional>
#include <string>
#include <vector>

namespace lnseg::project {

enum class ReviewState { New, InProgress, Reviewed, Approved, Returned };

const char* toString(ReviewState state);
// Accepts the names above, case-insensitively, and "in-progress" / "in_progress".
std::optional<ReviewState> reviewStateFromString(const std::string& text);
std::vector<ReviewState> allReviewStates();

// One entry of a case's history: the state it entered, who, when (ISO 8601 UTC), why.
struct StateChange {
    ReviewState state = ReviewState::New;
    std::string user;
    std::string time;
    std::string comment;
};

// Throws std::runtime_error explaining the rule when `user` may not change `from` into `to`
// (`userIsStudyLead`: whether the user is one of the project's study leads).
void checkStateChange(ReviewState from, ReviewState to, bool userIsStudyLead, const std::string& comment);

}  // namespace lnseg::project
