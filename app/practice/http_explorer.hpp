#pragma once
// `http-explorer`, stage 1's practice exercise: with curl, the learner sends a query string, a JSON POST, a
// custom header, follows a redirect, returns a cookie and makes a CORS preflight. Its server's routes are in
// http_explorer_routes.cpp, the grading of its tasks in http_explorer_tasks.cpp.

#include <string_view>
#include <vector>

#include "app/practice/exercise.hpp"

namespace roadwork::practice::http_explorer {

/// The header that must carry the workspace's token.
inline constexpr std::string_view kTokenHeader = "X-Roadwork-Token";
/// The cookie GET /login sets.
inline constexpr std::string_view kSessionCookie = "session";
/// The fields the JSON object posted to /echo must have: a string and a number.
inline constexpr std::string_view kStringField = "title";
inline constexpr std::string_view kNumberField = "priority";
/// The method the CORS preflight must ask about.
inline constexpr std::string_view kPreflightMethod = "DELETE";

/// The six tasks, in the order the README presents them.
std::vector<Task> tasks();

/// How the server answers (GET / lists the routes).
Reply answer(const RecordedRequest& request, const History& history, const Secrets& secrets);

/// The media type of a Content-Type value, lowercased, without parameters: "application/json".
std::string media_type(std::string_view content_type);

}  // namespace roadwork::practice::http_explorer
