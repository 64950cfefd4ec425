// How http-explorer's practice server answers. The answers teach too: a missing parameter is a 400 that
// says which, a body that is not JSON a 415, a missing token a 401, so curl -i shows the status codes of
// stage 1 at work.

#include <algorithm>
#include <cctype>

#include "app/practice/cookies.hpp"
#include "app/practice/http_explorer.hpp"
#include "app/practice/secrets.hpp"

namespace roadwork::practice::http_explorer {

namespace {

using nlohmann::json;

constexpr const char* kIndex =
    "roadwork practice server for http-explorer. It answers:\n"
    "\n"
    "  GET      /search?q=...&page=...   search results for q, one page at a time\n"
    "  POST     /echo                    sends back the JSON object you posted\n"
    "  GET      /secret                  only with your token in the X-Roadwork-Token header\n"
    "  GET      /old                     has moved: redirects to /new\n"
    "  GET      /login                   logs you in with a session cookie\n"
    "  GET      /profile                 only with the session cookie from /login\n"
    "  OPTIONS  /api/items               answers CORS preflights (GET and DELETE /api/items too)\n"
    "\n"
    "Every request is recorded; `roadwork check http-explorer` grades what arrived.\n";

Reply json_reply(int status, const json& body, std::vector<NameValue> headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return {status, std::move(headers), body.dump(2) + "\n"};
}

Reply error_reply(int status, const std::string& message, std::vector<NameValue> headers = {}) {
  return json_reply(status, {{"error", message}}, std::move(headers));
}

bool is_get(const RecordedRequest& request) { return request.method == "GET" || request.method == "HEAD"; }

Reply method_not_allowed(const RecordedRequest& request, const std::string& allowed) {
  return error_reply(405, request.method + " is not allowed on " + request.path + "; it answers " + allowed,
                     {{"Allow", allowed}});
}

bool is_positive_integer(const std::string& text) {
  return !text.empty() && text.size() < 10 && text.front() != '0' &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

Reply search(const RecordedRequest& request) {
  if (!is_get(request)) return method_not_allowed(request, "GET, HEAD");
  const auto q = request.param("q").value_or("");
  if (q.empty())
    return error_reply(400, "missing the query parameter q: what to search for, as in /search?q=shoes");
  const auto page_text = request.param("page").value_or("1");
  if (!is_positive_integer(page_text)) return error_reply(400, "page must be a whole number from 1 up");
  const int page = std::stoi(page_text);
  json results = json::array();
  for (int i = 1; i <= 3; ++i)
    results.push_back({{"title", q + ", result " + std::to_string((page - 1) * 3 + i)}});
  return json_reply(200, {{"q", q}, {"page", page}, {"results", results}});
}

Reply echo(const RecordedRequest& request) {
  if (request.method != "POST") return method_not_allowed(request, "POST");
  const auto content_type = request.header("Content-Type").value_or("");
  if (media_type(content_type) != "application/json") {
    return error_reply(415, "send JSON with Content-Type: application/json (this request said " +
                                (content_type.empty() ? std::string("nothing") : content_type) + ")");
  }
  const auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return error_reply(400, "the body is not valid JSON");
  return json_reply(200, {{"you_sent", body}});
}

Reply secret(const RecordedRequest& request, const Secrets& secrets) {
  if (!is_get(request)) return method_not_allowed(request, "GET, HEAD");
  const auto token = request.header(kTokenHeader);
  if (!token) return error_reply(401, "send your token in the X-Roadwork-Token header");
  if (*token != secrets.token) return error_reply(401, "that is not this workspace's token");
  return json_reply(200, {{"message", "Token accepted: you sent a custom header."}});
}

Reply login() {
  const auto session = random_hex(32);
  return json_reply(
      200, {{"message", "Logged in. Your session is in the Set-Cookie header: send it back to /profile."}},
      {{"Set-Cookie", std::string(kSessionCookie) + "=" + session + "; Path=/; HttpOnly; SameSite=Lax"}});
}

Reply profile(const RecordedRequest& request, const History& history) {
  const auto sent = cookie_sent_by(request, kSessionCookie);
  if (!sent) return error_reply(401, "no session cookie: log in at /login, then send its cookie back");
  const bool known = std::any_of(history.begin(), history.end(), [&](const auto& earlier) {
    return cookie_set_by(earlier, kSessionCookie) == sent;
  });
  if (!known) return error_reply(401, "this session cookie was not set by /login");
  return json_reply(200, {{"message", "Welcome back: your session cookie checks out."}});
}

// /api/items stands for an API that pages on other sites call from the browser, so it answers CORS.
Reply items(const RecordedRequest& request) {
  static const std::string kAllowed = "GET, DELETE";
  const auto origin = request.header("Origin");
  std::vector<NameValue> cors;
  if (origin) cors = {{"Access-Control-Allow-Origin", *origin}, {"Vary", "Origin"}};
  if (request.method == "OPTIONS") {
    if (!origin || !request.header("Access-Control-Request-Method"))
      return {204, {{"Allow", kAllowed + ", OPTIONS"}}, ""};
    cors.insert(cors.end(), {{"Access-Control-Allow-Methods", kAllowed},
                             {"Access-Control-Allow-Headers", "Content-Type"},
                             {"Access-Control-Max-Age", "600"}});
    return {204, cors, ""};
  }
  if (is_get(request)) {
    return json_reply(200, json::array({{{"id", 1}, {"name", "kettle"}}, {{"id", 2}, {"name", "teapot"}}}),
                      cors);
  }
  if (request.method == "DELETE") return {204, cors, ""};
  return method_not_allowed(request, kAllowed + ", OPTIONS");
}

}  // namespace

std::string media_type(std::string_view content_type) {
  auto type = std::string(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type;
}

Reply answer(const RecordedRequest& request, const History& history, const Secrets& secrets) {
  const auto& path = request.path;
  if (path == "/" && is_get(request)) return {200, {{"Content-Type", "text/plain; charset=utf-8"}}, kIndex};
  if (path == "/search") return search(request);
  if (path == "/echo") return echo(request);
  if (path == "/secret") return secret(request, secrets);
  if (path == "/old") {
    // A value new for every redirect, so that only a client that read this Location can ask for it
    // (follow-redirect): a /new typed into the same curl command has none.
    const auto location = "/new?via=" + random_hex(12);
    return {302, {{"Location", location}, {"Content-Type", "text/plain"}}, "Moved to " + location + "\n"};
  }
  if (path == "/new") return json_reply(200, {{"message", "This is /new, where /old redirects to."}});
  if (path == "/login") return is_get(request) ? login() : method_not_allowed(request, "GET, HEAD");
  if (path == "/profile") return profile(request, history);
  if (path == "/api/items") return items(request);
  return error_reply(
      404, "nothing here: " + request.method + " " + path + " (GET / lists what this server answers)");
}

}  // namespace roadwork::practice::http_explorer
