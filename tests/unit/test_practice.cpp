// Practice exercises: grading http-explorer's tasks from hand-written logs (every "done" and every message
// of a task not done, as exact strings), the log's format, and the practice server on a real socket.

#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "app/core/fatal.hpp"
#include "app/practice/cookies.hpp"
#include "app/practice/exercise.hpp"
#include "app/practice/practice.hpp"
#include "app/practice/practice_server.hpp"
#include "app/practice/request_log.hpp"
#include "app/practice/task_tracker.hpp"
#include "tests/unit/support.hpp"

namespace {

namespace fs = std::filesystem;
using roadwork::testing::problem_of;
using roadwork::testing::value_of;
using namespace roadwork::practice;

constexpr const char* kToken = "0123456789abcdef";

/// A workspace state folder (mkdtemp) with the http-explorer log and token in it, removed afterwards.
class PracticeLog {
 public:
  PracticeLog() : path_(log_path(state_dir_.path(), "http-explorer")) {
    fs::create_directories(path_.parent_path());
    std::ofstream(path_.parent_path() / "token") << kToken << "\n";
  }

  /// Writes the log: one JSON object per line, as the practice server does. Objects written over several
  /// source lines are joined (a raw line break is only whitespace between JSON tokens).
  void write(std::initializer_list<const char*> objects) const {
    std::ofstream out(path_, std::ios::trunc);
    for (std::string object : objects) {
      std::replace(object.begin(), object.end(), '\n', ' ');
      out << object << "\n";
    }
  }

  TaskResult grade(const std::string& task) const {
    return value_of(grade_task(path_, "http-explorer", task));
  }

  const fs::path& path() const { return path_; }
  const fs::path& state_dir() const { return state_dir_.path(); }

 private:
  roadwork::testing::TempDir state_dir_;
  fs::path path_;
};

void check_done(const TaskResult& result, const std::string& message) {
  CHECK(result.done);
  CHECK(result.message == message);
}

void check_not_done(const TaskResult& result, const std::string& message) {
  CHECK_FALSE(result.done);
  CHECK(result.message == message);
}

}  // namespace

TEST_CASE("the log lives in the workspace's state folder, one folder per exercise") {
  CHECK(log_path("/ws/.roadwork", "http-explorer") ==
        fs::path("/ws/.roadwork/practice/http-explorer/requests.jsonl"));
}

TEST_CASE("unknown exercises and tasks are bad input that names the known ones") {
  PracticeLog log;
  CHECK(problem_of(grade_task(log.path(), "hello-server", "query-string")) ==
        "no practice server for \"hello-server\"; practice exercises: http-explorer");
  CHECK(problem_of(grade_task(log.path(), "http-explorer", "query")) ==
        "practice exercise http-explorer has no task \"query\"; its tasks: query-string, json-post, "
        "custom-header, follow-redirect, return-cookie, cors-preflight");
}

TEST_CASE("with no log yet, every task says what to send first") {
  PracticeLog log;
  fs::remove(log.path());
  check_not_done(
      log.grade("query-string"),
      "no request to /search has arrived yet: send GET /search with the query parameters q and page");
  check_not_done(log.grade("json-post"),
                 "no request to /echo has arrived yet: send POST /echo with a JSON body");
  check_not_done(log.grade("custom-header"),
                 "no request to /secret has arrived yet: send GET /secret with the header X-Roadwork-Token");
  check_not_done(
      log.grade("follow-redirect"),
      "no request to /old has arrived yet: send GET /old and look at its status code and Location header");
  check_not_done(log.grade("return-cookie"),
                 "no GET /login has arrived yet: that is where the server sets the session cookie");
  check_not_done(
      log.grade("cors-preflight"),
      "no request to /api/items has arrived yet: a preflight is an OPTIONS request (-X sets the method)");
}

TEST_CASE("query-string") {
  PracticeLog log;
  SUBCASE("done, and stays done after a later mistake") {
    log.write({R"({"method":"GET","path":"/search","query":"q=shoes&page=2",
                  "params":[["q","shoes"],["page","2"]]})",
               R"({"method":"GET","path":"/search","query":"q=shoes","params":[["q","shoes"]]})"});
    check_done(log.grade("query-string"), "GET /search?q=shoes&page=2 arrived");
  }
  SUBCASE("another method") {
    log.write({R"({"method":"POST","path":"/search","body":"q=shoes&page=2"})"});
    check_not_done(
        log.grade("query-string"),
        "your request to /search used POST; send GET with the parameters in the URL (curl -G turns -d "
        "data into a query string)");
  }
  SUBCASE("no query string") {
    log.write({R"({"method":"GET","path":"/search"})"});
    check_not_done(log.grade("query-string"),
                   "your GET /search arrived without a query string: add one to the URL");
  }
  SUBCASE("no q") {
    log.write({R"({"method":"GET","path":"/search","query":"page=2","params":[["page","2"]]})"});
    check_not_done(log.grade("query-string"), "your GET /search?page=2 arrived without the q parameter");
  }
  SUBCASE("an empty q") {
    log.write({R"({"method":"GET","path":"/search","query":"q=&page=2","params":[["q",""],["page","2"]]})"});
    check_not_done(
        log.grade("query-string"),
        "the q parameter of your GET /search?q=&page=2 was empty: give it something to search for");
  }
  SUBCASE("no page, as when the shell cut the URL at an unquoted &") {
    log.write({R"({"method":"GET","path":"/search","query":"q=shoes","params":[["q","shoes"]]})"});
    check_not_done(
        log.grade("query-string"),
        "your GET /search?q=shoes arrived without the page parameter; if you typed &page=2, the shell took "
        "& to mean \"run in the background\": put the URL in single quotes");
  }
  SUBCASE("no page, with other parameters") {
    log.write({R"({"method":"GET","path":"/search","query":"q=shoes&size=2",
                  "params":[["q","shoes"],["size","2"]]})"});
    check_not_done(log.grade("query-string"),
                   "your GET /search?q=shoes&size=2 arrived without the page parameter");
  }
  SUBCASE("another page") {
    log.write({R"({"method":"GET","path":"/search","query":"q=shoes&page=3",
                  "params":[["q","shoes"],["page","3"]]})"});
    check_not_done(log.grade("query-string"),
                   "the page parameter of your GET /search?q=shoes&page=3 was `3`; the task asks for page 2");
  }
}

TEST_CASE("json-post") {
  PracticeLog log;
  const std::string form_type_message =
      "your POST /echo arrived without Content-Type: application/json (it said "
      "`application/x-www-form-urlencoded`, "
      "which curl sends for -d unless told otherwise): name the body's type with -H";
  SUBCASE("done, with a charset parameter on the media type") {
    log.write(
        {R"({"method":"POST","path":"/echo","headers":[["Content-Type","Application/JSON; charset=utf-8"]],
            "body":"{\"title\": \"Learn HTTP\", \"priority\": 1}"})"});
    check_done(log.grade("json-post"),
               "POST /echo arrived as application/json with the fields title and priority");
  }
  SUBCASE("another method") {
    log.write({R"({"method":"GET","path":"/echo"})"});
    check_not_done(
        log.grade("json-post"),
        "your request to /echo used GET; a body goes with POST (curl switches to POST when you give it "
        "data with -d)");
  }
  SUBCASE("no Content-Type") {
    log.write({R"({"method":"POST","path":"/echo","body":"{}"})"});
    check_not_done(
        log.grade("json-post"),
        "your POST /echo arrived without Content-Type: application/json: name the body's type with -H");
  }
  SUBCASE("curl's form type") {
    log.write(
        {R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/x-www-form-urlencoded"]],
            "body":"{\"title\":\"x\",\"priority\":1}"})"});
    check_not_done(log.grade("json-post"), form_type_message);
  }
  SUBCASE("another type") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","text/plain"]],"body":"{}"})"});
    check_not_done(
        log.grade("json-post"),
        "your POST /echo arrived without Content-Type: application/json (it said `text/plain`): name the "
        "body's type with -H");
  }
  SUBCASE("an empty body") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/json"]]})"});
    check_not_done(log.grade("json-post"),
                   "your POST /echo arrived with an empty body: put the JSON object after -d");
  }
  SUBCASE("not JSON, as when the shell ate the double quotes") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/json"]],
                  "body":"{title: Learn HTTP, priority: 1}"})"});
    check_not_done(
        log.grade("json-post"),
        "the body of your POST /echo is not valid JSON: `{title: Learn HTTP, priority: 1}`; JSON puts "
        "double quotes around every name and string, and single quotes around the whole body keep the "
        "shell from removing them");
  }
  SUBCASE("not an object") {
    log.write({R"({"method":"POST","path":"/echo",
                  "headers":[["Content-Type","application/json"]],"body":"[1, 2]"})"});
    check_not_done(log.grade("json-post"),
                   "the body of your POST /echo is an array, not an object: put the fields between { and }");
  }
  SUBCASE("a missing field") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/json"]],
                  "body":"{\"priority\": 1}"})"});
    check_not_done(log.grade("json-post"), "your JSON object has no `title` field");
  }
  SUBCASE("a title that is not a string") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/json"]],
                  "body":"{\"title\": 42, \"priority\": 1}"})"});
    check_not_done(
        log.grade("json-post"),
        "`title` is a number in your JSON object (`42`), but it must be a string: put it in double quotes");
  }
  SUBCASE("a priority that is a string") {
    log.write({R"({"method":"POST","path":"/echo","headers":[["Content-Type","application/json"]],
                  "body":"{\"title\": \"x\", \"priority\": \"1\"}"})"});
    check_not_done(log.grade("json-post"),
                   "`priority` is a string in your JSON object (`\"1\"`), but it must be a number: leave out "
                   "the quotes");
  }
  SUBCASE("the latest attempt is the one described") {
    log.write({R"({"method":"POST","path":"/echo","body":"{}"})",
               R"({"method":"POST","path":"/echo",
                  "headers":[["Content-Type","application/x-www-form-urlencoded"]]})"});
    check_not_done(log.grade("json-post"), form_type_message);
  }
}

TEST_CASE("custom-header") {
  PracticeLog log;
  SUBCASE("done, with the header's name in any case") {
    log.write({R"({"method":"GET","path":"/secret","headers":[["x-roadwork-token","0123456789abcdef"]]})"});
    check_done(log.grade("custom-header"),
               "GET /secret arrived with this workspace's token in X-Roadwork-Token");
  }
  SUBCASE("another method") {
    log.write({R"({"method":"POST","path":"/secret","headers":[["X-Roadwork-Token","0123456789abcdef"]]})"});
    check_not_done(log.grade("custom-header"), "your request to /secret used POST; send GET");
  }
  SUBCASE("a misspelt name") {
    log.write({R"({"method":"GET","path":"/secret","headers":[["X-Roadwork-Tokn","0123456789abcdef"]]})"});
    check_not_done(
        log.grade("custom-header"),
        "your GET /secret carried `X-Roadwork-Tokn` but no X-Roadwork-Token header: check the header's name");
  }
  SUBCASE("no header") {
    log.write({R"({"method":"GET","path":"/secret","headers":[["Accept","*/*"]]})"});
    check_not_done(log.grade("custom-header"),
                   "your GET /secret arrived without an X-Roadwork-Token header: add one with -H");
  }
  SUBCASE("quotes around the token") {
    log.write(
        {R"({"method":"GET","path":"/secret","headers":[["X-Roadwork-Token","\"0123456789abcdef\""]]})"});
    check_not_done(
        log.grade("custom-header"),
        "your X-Roadwork-Token was `\"0123456789abcdef\"`: send the token without quotes around it");
  }
  SUBCASE("another token") {
    log.write({R"({"method":"GET","path":"/secret","headers":[["X-Roadwork-Token","abc"]]})"});
    check_not_done(
        log.grade("custom-header"),
        "your X-Roadwork-Token was `abc`, but this workspace's token is `0123456789abcdef` (roadwork "
        "practice http-explorer prints it when it starts)");
  }
  SUBCASE("no token made yet") {
    fs::remove(log.path().parent_path() / "token");
    log.write({R"({"method":"GET","path":"/secret","headers":[["X-Roadwork-Token","abc"]]})"});
    check_not_done(
        log.grade("custom-header"),
        "your X-Roadwork-Token was `abc`, but this workspace has no token yet: start `roadwork practice "
        "http-explorer` and send the token it prints");
  }
}

TEST_CASE("follow-redirect") {
  PracticeLog log;
  const auto* old = R"({"method":"GET","path":"/old","client":"127.0.0.1:5001",
                         "response":{"status":302,"headers":[["Location","/new?via=4f1c0a9e7b23"]]}})";
  SUBCASE("done: /new at the Location /old gave, on the connection /old came on") {
    log.write({old, R"({"method":"GET","path":"/new","client":"127.0.0.1:5001","query":"via=4f1c0a9e7b23",
                        "params":[["via","4f1c0a9e7b23"]]})"});
    check_done(log.grade("follow-redirect"),
               "GET /new arrived on the same connection right after GET /old, at the Location it gave: curl "
               "followed the redirect");
  }
  SUBCASE("/new typed into the same curl command: one connection, but not the Location") {
    log.write({old, R"({"method":"GET","path":"/new","client":"127.0.0.1:5001"})"});
    check_not_done(
        log.grade("follow-redirect"),
        "GET /new arrived as a request of its own, not by following the redirect from /old: send GET /old "
        "again with -L");
  }
  SUBCASE("/new without /old") {
    log.write({R"({"method":"GET","path":"/new","client":"127.0.0.1:5001"})"});
    check_not_done(
        log.grade("follow-redirect"),
        "GET /new arrived without a request to /old before it: start at /old and let curl follow the "
        "redirect");
  }
  SUBCASE("/old alone") {
    log.write({R"({"method":"GET","path":"/old","client":"127.0.0.1:5001"})"});
    check_not_done(log.grade("follow-redirect"),
                   "no request to /new after /old: add -L so curl follows the redirect");
  }
  SUBCASE("/new typed by hand after /old") {
    log.write({R"({"method":"GET","path":"/old","client":"127.0.0.1:5001"})",
               R"({"method":"GET","path":"/new","client":"127.0.0.1:5002"})"});
    check_not_done(
        log.grade("follow-redirect"),
        "GET /new arrived as a request of its own, not by following the redirect from /old: send GET /old "
        "again with -L");
  }
}

TEST_CASE("return-cookie") {
  PracticeLog log;
  const auto* login_a = R"({"method":"GET","path":"/login","response":{"status":200,
                           "headers":[["Set-Cookie","session=9f2c00aa; Path=/; HttpOnly"]]}})";
  const auto* login_b = R"({"method":"GET","path":"/login","response":{"status":200,
                           "headers":[["Set-Cookie","session=77bb11cc; Path=/; HttpOnly"]]}})";
  SUBCASE("done: any session the server set, sent back later") {
    log.write(
        {login_a, login_b,
         R"({"method":"GET","path":"/profile","headers":[["Cookie","theme=dark; session=9f2c00aa"]]})"});
    check_done(log.grade("return-cookie"),
               "GET /profile sent back the cookie session=9f2c00aa that GET /login set");
  }
  SUBCASE("a cookie sent before any login does not count") {
    log.write({R"({"method":"GET","path":"/profile","headers":[["Cookie","session=9f2c00aa"]]})", login_a});
    check_not_done(
        log.grade("return-cookie"),
        "no request after GET /login sent a cookie back: curl forgets cookies between commands unless you "
        "save them to a file (-c) and send them from it (-b)");
  }
  SUBCASE("a made-up session") {
    log.write(
        {login_a, login_b, R"({"method":"GET","path":"/profile","headers":[["Cookie","session=abc"]]})"});
    check_not_done(log.grade("return-cookie"),
                   "the cookie you sent back was `session=abc`, but the server set `session=77bb11cc`");
  }
  SUBCASE("other cookies only") {
    log.write({login_a, R"({"method":"GET","path":"/profile","headers":[["Cookie","theme=dark"]]})"});
    check_not_done(
        log.grade("return-cookie"),
        "the Cookie header you sent back was `theme=dark`, without the session cookie the server set "
        "(`session=9f2c00aa`)");
  }
}

TEST_CASE("cors-preflight") {
  PracticeLog log;
  SUBCASE("done") {
    log.write({R"({"method":"OPTIONS","path":"/api/items","headers":[["Origin","https://example.com"],
                   ["Access-Control-Request-Method","DELETE"]]})"});
    check_done(
        log.grade("cors-preflight"),
        "OPTIONS /api/items arrived as a preflight from https://example.com asking to DELETE, and the server "
        "allowed it");
  }
  SUBCASE("the request itself rather than its preflight") {
    log.write({R"({"method":"DELETE","path":"/api/items","headers":[["Origin","https://example.com"]]})"});
    check_not_done(
        log.grade("cors-preflight"),
        "your request to /api/items used DELETE; before a page on another site may send DELETE, the browser "
        "asks with an OPTIONS request, the preflight");
  }
  SUBCASE("no Origin") {
    log.write({R"({"method":"OPTIONS","path":"/api/items",
                  "headers":[["Access-Control-Request-Method","DELETE"]]})"});
    check_not_done(
        log.grade("cors-preflight"),
        "your OPTIONS /api/items arrived without an Origin header: a preflight names the site the page "
        "comes from, such as https://example.com");
  }
  SUBCASE("an Origin that is not the page's") {
    log.write({R"({"method":"OPTIONS","path":"/api/items","headers":[["Origin","x"],
                   ["Access-Control-Request-Method","DELETE"]]})"});
    check_not_done(
        log.grade("cors-preflight"),
        "your preflight said Origin: `x`; the page is on https://example.com, and a browser sends its "
        "origin exactly so (scheme and host, no path)");
  }
  SUBCASE("no Access-Control-Request-Method") {
    log.write({R"({"method":"OPTIONS","path":"/api/items","headers":[["Origin","https://example.com"]]})"});
    check_not_done(
        log.grade("cors-preflight"),
        "your OPTIONS /api/items arrived without an Access-Control-Request-Method header: a preflight "
        "names the method the page wants to send");
  }
  SUBCASE("another method asked about") {
    log.write({R"({"method":"OPTIONS","path":"/api/items","headers":[["Origin","https://example.com"],
                   ["Access-Control-Request-Method","PUT"]]})"});
    check_not_done(log.grade("cors-preflight"),
                   "your preflight asked about `PUT`; the task asks whether a page may send DELETE");
  }
}

TEST_CASE("the log: lines that are not recorded requests are skipped") {
  PracticeLog log;
  log.write({"not json", R"({"path":"/no-method"})",
             R"({"method":"GET","path":"/search","params":"wrong type"})", R"({"method":"GET","path":"/ok"})",
             R"({"method":"GET","path":"/tor)"});
  const auto requests = read_log(log.path());
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].path == "/ok");
}

TEST_CASE("the log: a request written and read back is the same request") {
  PracticeLog log;
  RecordedRequest request;
  request.time = "2025-01-31T12:00:00.123Z";
  request.client = "127.0.0.1:5001";
  request.method = "POST";
  request.path = "/echo";
  request.query = "a=%20";
  request.params = {{"a", " "}};
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "{\"x\": \"\xff\"}";  // invalid UTF-8 is replaced, not thrown on
  request.response = {200, {{"Content-Type", "application/json"}}};
  value_of(RequestLog::open(log.path())).append(request);
  const auto requests = read_log(log.path());
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].client == request.client);
  CHECK(requests[0].params == request.params);
  CHECK(requests[0].headers == request.headers);
  CHECK(requests[0].body == "{\"x\": \"\xef\xbf\xbd\"}");
  CHECK(requests[0].response.status == 200);
  CHECK(requests[0].request_line() == "POST /echo?a=%20");
}

TEST_CASE("cookies: the Cookie header and Set-Cookie") {
  CHECK(parse_cookie_header(" theme=dark;session=a=b ; flag") ==
        std::vector<NameValue>{{"theme", "dark"}, {"session", "a=b"}, {"", "flag"}});
  RecordedRequest request;
  request.headers = {{"cookie", "session=abc"}};
  request.response.headers = {{"set-cookie", "session=xyz; Path=/"}};
  CHECK(cookie_sent_by(request, "session") == "abc");
  CHECK(cookie_set_by(request, "session") == "xyz");
  CHECK_FALSE(cookie_set_by(request, "other"));
}

TEST_CASE("the tracker reports the tasks a request concerns, and a finished task once") {
  const auto& exercise = *find_practice_exercise("http-explorer");
  History history;
  TaskTracker tracker(exercise, Secrets{kToken}, history);
  RecordedRequest search;
  search.method = "GET";
  search.path = "/search";
  search.query = "q=a";
  search.params = {{"q", "a"}};
  history.push_back(search);
  auto updates = tracker.update(history);
  REQUIRE(updates.size() == 1);
  CHECK(updates[0].task->id == "query-string");
  CHECK_FALSE(updates[0].newly_done);

  search.query = "q=a&page=2";
  search.params.emplace_back("page", "2");
  history.push_back(search);
  updates = tracker.update(history);
  REQUIRE(updates.size() == 1);
  CHECK(updates[0].newly_done);
  CHECK(tracker.done(*updates[0].task));

  history.push_back(search);
  CHECK(tracker.update(history).empty());
}

TEST_CASE("the practice server answers over a real socket and records each request before answering") {
  PracticeLog log;
  const auto& exercise = *find_practice_exercise("http-explorer");
  int observed = 0;
  const auto server = value_of(PracticeServer::start(exercise, Secrets{kToken}, {}, log.path(), 0,
                                                     [&](const History&) { ++observed; }));
  REQUIRE(server->running());
  httplib::Client client("127.0.0.1", server->port());

  const auto login = client.Get("/login");
  REQUIRE(login);
  CHECK(login->status == 200);
  const auto set_cookie = login->get_header_value("Set-Cookie");
  CHECK(set_cookie.rfind("session=", 0) == 0);
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));

  const auto profile = client.Get("/profile", {{"Cookie", cookie}});
  REQUIRE(profile);
  CHECK(profile->status == 200);
  const auto stranger = client.Get("/profile", {{"Cookie", "session=nope"}});
  REQUIRE(stranger);
  CHECK(stranger->status == 401);

  const auto old_page = client.Get("/old");
  REQUIRE(old_page);
  CHECK(old_page->status == 302);
  CHECK(old_page->get_header_value("Location").starts_with("/new?via="));
  const auto again = client.Get("/old");
  REQUIRE(again);
  CHECK(again->get_header_value("Location") != old_page->get_header_value("Location"));

  const auto echo = client.Post("/echo", "{\"title\": \"t\", \"priority\": 2}", "application/json");
  REQUIRE(echo);
  CHECK(echo->status == 200);
  CHECK(echo->body.find("\"priority\": 2") != std::string::npos);
  const auto form = client.Post("/echo", "a=1", "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 415);

  const auto preflight = client.Options(
      "/api/items", {{"Origin", "https://example.com"}, {"Access-Control-Request-Method", "DELETE"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "https://example.com");
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, DELETE");

  const auto search = client.Get("/search?q=tea%20pot&page=2");
  REQUIRE(search);
  CHECK(search->status == 200);
  server->stop();
  CHECK_FALSE(server->running());

  const auto requests = read_log(log.path());
  REQUIRE(requests.size() == 9);
  CHECK(observed == 9);
  CHECK(requests[0].response.status == 200);
  CHECK(cookie_set_by(requests[0], "session") == cookie.substr(std::string("session=").size()));
  CHECK(requests[8].query == "q=tea%20pot&page=2");
  CHECK(requests[8].param("q") == "tea pot");
  for (const auto& request : requests) CHECK_FALSE(request.header("REMOTE_ADDR"));
  check_done(log.grade("return-cookie"),
             "GET /profile sent back the cookie " + cookie + " that GET /login set");
  check_done(log.grade("query-string"), "GET /search?q=tea%20pot&page=2 arrived");
  check_done(
      log.grade("cors-preflight"),
      "OPTIONS /api/items arrived as a preflight from https://example.com asking to DELETE, and the server "
      "allowed it");
}
