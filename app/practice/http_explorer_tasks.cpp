// The grading of http-explorer's tasks. A task is done once any recorded request did it; until then the
// message is about the learner's latest attempt, because that is what they will change next, and it names
// the one thing still wrong and the curl flag to look up, without handing over the whole command.

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "app/practice/cookies.hpp"
#include "app/practice/http_explorer.hpp"

namespace roadwork::practice::http_explorer {

namespace {

using nlohmann::json;

TaskResult done(std::string message) { return {true, std::move(message)}; }
TaskResult not_done(std::string message) { return {false, std::move(message)}; }

// Messages quote what the learner sent, but never a whole page of it.
std::string in_backticks(std::string_view text) {
  constexpr std::size_t kLimit = 60;
  if (text.size() <= kLimit) return "`" + std::string(text) + "`";
  return "`" + std::string(text.substr(0, kLimit)) + "…`";
}

bool to_path(const RecordedRequest& request, std::string_view path) { return request.path == path; }

const RecordedRequest* latest_to(const History& history, std::string_view path) {
  const auto found =
      std::find_if(history.rbegin(), history.rend(), [&](const auto& r) { return to_path(r, path); });
  return found == history.rend() ? nullptr : &*found;
}

// --- query-string: GET /search?q=…&page=2 -----------------------------------------------------------------

bool is_search(const RecordedRequest& request) { return to_path(request, "/search"); }

bool searched_page_2(const RecordedRequest& request) {
  return request.method == "GET" && is_search(request) && !request.param("q").value_or("").empty() &&
         request.param("page") == "2";
}

TaskResult grade_query_string(const History& history, const Secrets&) {
  const auto hit = std::find_if(history.begin(), history.end(), searched_page_2);
  if (hit != history.end()) return done(hit->request_line() + " arrived");
  const auto* last = latest_to(history, "/search");
  if (!last)
    return not_done(
        "no request to /search has arrived yet: send GET /search with the query parameters q and page");
  const auto line = last->request_line();
  if (last->method != "GET")
    return not_done("your request to /search used " + last->method +
                    "; send GET with the parameters in the URL (curl -G turns -d data into a query string)");
  if (last->query.empty())
    return not_done("your " + line + " arrived without a query string: add one to the URL");
  const auto q = last->param("q");
  if (!q) return not_done("your " + line + " arrived without the q parameter");
  if (q->empty())
    return not_done("the q parameter of your " + line + " was empty: give it something to search for");
  const auto page = last->param("page");
  if (!page) {
    // An unquoted & ends the command in a POSIX shell, so "?q=x&page=2" arrives as "?q=x".
    const bool cut_at_ampersand = last->query.find('&') == std::string::npos;
    return not_done("your " + line + " arrived without the page parameter" +
                    (cut_at_ampersand ? "; if you typed &page=2, the shell took & to mean \"run in the "
                                        "background\": put the URL in single quotes"
                                      : ""));
  }
  return not_done("the page parameter of your " + line + " was " + in_backticks(*page) +
                  "; the task asks for page 2");
}

// --- json-post: POST /echo with a JSON object {"title": string, "priority": number} ---------------------

bool is_echo(const RecordedRequest& request) { return to_path(request, "/echo"); }

// "a number", "an array", "null": a JSON value's type as a sentence says it.
std::string a_type_name(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  const std::string name = value.type_name();
  return (name == "array" || name == "object" ? "an " : "a ") + name;
}

// Why a POST to /echo does not do the task, or "" when it does.
std::string json_post_problem(const RecordedRequest& request) {
  if (request.method != "POST")
    return "your request to /echo used " + request.method +
           "; a body goes with POST (curl switches to POST when you give it data with -d)";
  const auto content_type = request.header("Content-Type");
  if (!content_type)
    return "your POST /echo arrived without Content-Type: application/json: name the body's type with -H";
  if (media_type(*content_type) != "application/json") {
    const bool curl_default = media_type(*content_type) == "application/x-www-form-urlencoded";
    return "your POST /echo arrived without Content-Type: application/json (it said " +
           in_backticks(*content_type) +
           (curl_default ? ", which curl sends for -d unless told otherwise" : "") +
           "): name the body's type with -H";
  }
  if (request.body.empty()) return "your POST /echo arrived with an empty body: put the JSON object after -d";
  const auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded())
    return "the body of your POST /echo is not valid JSON: " + in_backticks(request.body) +
           "; JSON puts double quotes around every name and string, and single quotes around the whole "
           "body keep the shell from removing them";
  if (!body.is_object())
    return "the body of your POST /echo is " + a_type_name(body) +
           ", not an object: put the fields between { and }";
  for (const auto field : {kStringField, kNumberField}) {
    const auto found = body.find(field);
    if (found == body.end()) return "your JSON object has no `" + std::string(field) + "` field";
    const bool wants_string = field == kStringField;
    if (wants_string ? found->is_string() : found->is_number()) continue;
    return "`" + std::string(field) + "` is " + a_type_name(*found) + " in your JSON object (" +
           in_backticks(found->dump()) + "), but it must be " +
           (wants_string ? "a string: put it in double quotes" : "a number: leave out the quotes");
  }
  return "";
}

TaskResult grade_json_post(const History& history, const Secrets&) {
  const auto hit = std::find_if(history.begin(), history.end(),
                                [](const auto& r) { return is_echo(r) && json_post_problem(r).empty(); });
  if (hit != history.end())
    return done("POST /echo arrived as application/json with the fields " + std::string(kStringField) +
                " and " + std::string(kNumberField));
  const auto* last = latest_to(history, "/echo");
  if (!last) return not_done("no request to /echo has arrived yet: send POST /echo with a JSON body");
  return not_done(json_post_problem(*last));
}

// --- custom-header: GET /secret with X-Roadwork-Token: <this workspace's token> --------------------------

bool is_secret(const RecordedRequest& request) { return to_path(request, "/secret"); }

bool contains_ignoring_case(std::string text, std::string_view part) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text.find(part) != std::string::npos;
}

TaskResult grade_custom_header(const History& history, const Secrets& secrets) {
  const auto hit = std::find_if(history.begin(), history.end(), [&](const auto& r) {
    return r.method == "GET" && is_secret(r) && !secrets.token.empty() &&
           r.header(kTokenHeader) == secrets.token;
  });
  if (hit != history.end())
    return done("GET /secret arrived with this workspace's token in " + std::string(kTokenHeader));
  const auto* last = latest_to(history, "/secret");
  if (!last)
    return not_done(
        "no request to /secret has arrived yet: send GET /secret with the header X-Roadwork-Token");
  if (last->method != "GET") return not_done("your request to /secret used " + last->method + "; send GET");
  const auto token = last->header(kTokenHeader);
  if (!token) {
    for (const auto& [name, value] : last->headers)
      if (contains_ignoring_case(name, "roadwork") || contains_ignoring_case(name, "token"))
        return not_done("your GET /secret carried " + in_backticks(name) +
                        " but no X-Roadwork-Token header: check the header's name");
    return not_done("your GET /secret arrived without an X-Roadwork-Token header: add one with -H");
  }
  if (secrets.token.empty())
    return not_done(
        "your X-Roadwork-Token was " + in_backticks(*token) +
        ", but this workspace has no token yet: start `roadwork practice http-explorer` and send the "
        "token it prints");
  if (*token == "\"" + secrets.token + "\"" || *token == "'" + secrets.token + "'")
    return not_done("your X-Roadwork-Token was " + in_backticks(*token) +
                    ": send the token without quotes around it");
  return not_done("your X-Roadwork-Token was " + in_backticks(*token) + ", but this workspace's token is " +
                  in_backticks(secrets.token) +
                  " (roadwork practice http-explorer prints it when it starts)");
}

// --- follow-redirect: GET /old answers 302 to /new?via=<random>; curl -L asks for exactly that -----------

bool is_redirect_part(const RecordedRequest& request) {
  return to_path(request, "/old") || to_path(request, "/new");
}

// The `via` value of the Location that a GET /old answered with, or "".
std::string redirect_via(const RecordedRequest& old) {
  constexpr std::string_view kVia = "via=";
  for (const auto& [name, value] : old.response.headers) {
    if (!equals_ignoring_case(name, "Location")) continue;
    const auto at = value.find(kVia);
    if (at != std::string::npos) return value.substr(at + kVia.size());
  }
  return "";
}

TaskResult grade_follow_redirect(const History& history, const Secrets&) {
  // A client that follows the redirect asks for the very Location /old answered with, on the connection
  // /old came on (the client field names the TCP connection). A /new typed by hand has no `via`, or one
  // that an earlier /old gave out: a curl command that names /old and /new reuses one connection, and only
  // the value tells it from following.
  std::map<std::string, std::string> via_by_client;
  for (const auto& request : history) {
    if (to_path(request, "/old")) via_by_client[request.client] = redirect_via(request);
    const auto via = via_by_client.find(request.client);
    if (to_path(request, "/new") && via != via_by_client.end() && !via->second.empty() &&
        request.param("via") == via->second)
      return done(
          "GET /new arrived on the same connection right after GET /old, at the Location it gave: curl "
          "followed the redirect");
  }
  const auto last_old =
      std::find_if(history.rbegin(), history.rend(), [](const auto& r) { return to_path(r, "/old"); });
  if (last_old == history.rend()) {
    if (latest_to(history, "/new"))
      return not_done(
          "GET /new arrived without a request to /old before it: start at /old and let curl follow the "
          "redirect");
    return not_done(
        "no request to /old has arrived yet: send GET /old and look at its status code and Location header");
  }
  if (std::any_of(history.rbegin(), last_old, [](const auto& r) { return to_path(r, "/new"); }))
    return not_done(
        "GET /new arrived as a request of its own, not by following the redirect from /old: send GET /old "
        "again with -L");
  return not_done("no request to /new after /old: add -L so curl follows the redirect");
}

// --- return-cookie: GET /login sets session=<random>; a later request sends that exact cookie back --------

// Not /login itself: right after it, "no cookie came back yet" would only be noise.
bool is_cookie_part(const RecordedRequest& request) {
  return to_path(request, "/profile") || request.header("Cookie").has_value();
}

TaskResult grade_return_cookie(const History& history, const Secrets&) {
  std::vector<std::string> set_so_far;
  std::string latest_set;
  const RecordedRequest* last_returned = nullptr;  // the latest request after a login with a Cookie header
  for (const auto& request : history) {
    if (!set_so_far.empty() && request.header("Cookie")) {
      const auto sent = cookie_sent_by(request, kSessionCookie);
      if (sent && std::find(set_so_far.begin(), set_so_far.end(), *sent) != set_so_far.end())
        return done(request.request_line() + " sent back the cookie " + std::string(kSessionCookie) + "=" +
                    *sent + " that GET /login set");
      last_returned = &request;
    }
    if (const auto set = cookie_set_by(request, kSessionCookie)) set_so_far.push_back(latest_set = *set);
  }
  if (set_so_far.empty())
    return not_done("no GET /login has arrived yet: that is where the server sets the session cookie");
  const auto expected = std::string(kSessionCookie) + "=" + latest_set;
  if (!last_returned)
    return not_done(
        "no request after GET /login sent a cookie back: curl forgets cookies between commands unless "
        "you save them to a file (-c) and send them from it (-b)");
  if (const auto sent = cookie_sent_by(*last_returned, kSessionCookie))
    return not_done("the cookie you sent back was " +
                    in_backticks(std::string(kSessionCookie) + "=" + *sent) + ", but the server set " +
                    in_backticks(expected));
  return not_done("the Cookie header you sent back was " +
                  in_backticks(last_returned->header("Cookie").value_or("")) +
                  ", without the session cookie the server set (" + in_backticks(expected) + ")");
}

// --- cors-preflight: OPTIONS /api/items with Origin and Access-Control-Request-Method: DELETE ------------

bool is_items(const RecordedRequest& request) { return to_path(request, "/api/items"); }

// The origin of the README's page: what a browser sends as Origin for a script on https://example.com
// (RFC 6454 §6.1: scheme and host, no path; schemes and hosts compare without case).
constexpr std::string_view kPageOrigin = "https://example.com";

bool from_the_page(const RecordedRequest& request) {
  return equals_ignoring_case(request.header("Origin").value_or(""), kPageOrigin);
}

TaskResult grade_cors_preflight(const History& history, const Secrets&) {
  const auto hit = std::find_if(history.begin(), history.end(), [](const auto& r) {
    return r.method == "OPTIONS" && is_items(r) && from_the_page(r) &&
           r.header("Access-Control-Request-Method") == kPreflightMethod;
  });
  if (hit != history.end())
    return done("OPTIONS /api/items arrived as a preflight from " + *hit->header("Origin") +
                " asking to DELETE, and the server allowed it");
  const auto* last = latest_to(history, "/api/items");
  if (!last)
    return not_done(
        "no request to /api/items has arrived yet: a preflight is an OPTIONS request (-X sets the method)");
  if (last->method != "OPTIONS")
    return not_done(
        "your request to /api/items used " + last->method +
        "; before a page on another site may send DELETE, the browser asks with an OPTIONS request, "
        "the preflight");
  if (last->header("Origin").value_or("").empty())
    return not_done(
        "your OPTIONS /api/items arrived without an Origin header: a preflight names the site the page "
        "comes from, such as https://example.com");
  if (!from_the_page(*last))
    return not_done("your preflight said Origin: " + in_backticks(*last->header("Origin")) +
                    "; the page is on https://example.com, and a browser sends its origin exactly so "
                    "(scheme and host, no path)");
  const auto asked = last->header("Access-Control-Request-Method");
  if (!asked)
    return not_done(
        "your OPTIONS /api/items arrived without an Access-Control-Request-Method header: a preflight "
        "names the method the page wants to send");
  return not_done("your preflight asked about " + in_backticks(*asked) +
                  "; the task asks whether a page may send DELETE");
}

}  // namespace

std::vector<Task> tasks() {
  return {
      {"query-string", "GET /search with the query parameters q (anything) and page=2", is_search,
       grade_query_string},
      {"json-post", "POST /echo a JSON object with a string `title` and a number `priority`", is_echo,
       grade_json_post},
      {"custom-header", "GET /secret with your token in the X-Roadwork-Token header", is_secret,
       grade_custom_header},
      {"follow-redirect", "GET /old, which redirects, and let curl follow it to /new", is_redirect_part,
       grade_follow_redirect},
      {"return-cookie", "GET /login, then send the session cookie it sets back (to /profile)", is_cookie_part,
       grade_return_cookie},
      {"cors-preflight", "OPTIONS /api/items as a browser's CORS preflight for a DELETE from another site",
       is_items, grade_cors_preflight},
  };
}

}  // namespace roadwork::practice::http_explorer
