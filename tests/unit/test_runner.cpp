// Runs .hurl files through the runner against a real cpp-httplib server on 127.0.0.1 (no mocks): requests,
// templates, captures, the response checks, the network failures and the curl line a learner copies.

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "checker/hurl/parser.hpp"
#include "checker/run/curl.hpp"
#include "checker/run/regex.hpp"
#include "checker/run/runner.hpp"
#include "checker/run/variable_checks.hpp"

namespace {

using roadwork::run::AssertResult;
using roadwork::run::FileResult;
using roadwork::run::RunOptions;
using roadwork::run::Variables;
using json = nlohmann::json;

// A small API with the behaviours the checks need, on an ephemeral port, stopped and joined on destruction.
class TestServer {
 public:
  TestServer() {
    server_.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      const json body = {{"message", "Hello, world!"},
                         {"count", 3},
                         {"ratio", 1.5},
                         {"whole", 2.0},
                         {"tags", {"a", "b"}},
                         {"empty", json::array()},
                         {"nested", {{"k", nullptr}}},
                         {"flag", true},
                         {"id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
                         {"created", "2024-01-31T09:30:00Z"},
                         {"items", {{{"id", 1}, {"name", "one"}}, {{"id", 2}, {"name", "two"}}}}};
      res.set_content(body.dump(), "application/json");
    });
    server_.Post("/notes", [this](const httplib::Request& req, httplib::Response& res) {
      const auto note = json::parse(req.body, nullptr, false);
      if (note.is_discarded() || !note.contains("title")) {
        res.status = 400;
        res.set_content(R"({"error":"title is required"})", "application/json");
        return;
      }
      {
        std::lock_guard lock(mutex_);
        last_note_ = req.body;
      }
      res.status = 201;
      res.set_header("Location", "/notes/42");
      res.set_content(json{{"id", 42}, {"title", note["title"]}}.dump(), "application/json");
    });
    server_.Get("/notes/42", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(json{{"id", 42}, {"auth", req.get_header_value("X-Token")}}.dump(), "application/json");
    });
    const auto echo = [](const httplib::Request& req, httplib::Response& res) {
      json headers = json::object();
      for (const auto& [name, value] : req.headers) {
        if (name != "REMOTE_ADDR" && name != "REMOTE_PORT" && name != "LOCAL_ADDR" && name != "LOCAL_PORT") {
          headers[name] = value;
        }
      }
      res.set_content(
          json{{"method", req.method}, {"target", req.target}, {"headers", headers}, {"body", req.body}}
              .dump(),
          "application/json");
    };
    server_.Get("/echo", echo);
    server_.Post("/echo", echo);
    server_.Get("/counter", [this](const httplib::Request&, httplib::Response& res) {
      const int calls = ++counter_;
      res.set_content(json{{"ready", calls >= 3}, {"calls", calls}}.dump(), "application/json");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(200'000, 'x'), "text/plain");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      res.set_content("late", "text/plain");
    });
    // Ten bytes, one every 150 ms: each read is quick, the whole response takes 1.5 s.
    server_.Get("/trickle", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(10, "text/plain", [](std::size_t, std::size_t, httplib::DataSink& sink) {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        return sink.write("x", 1);
      });
    });
    server_.Get("/html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<p>not json</p>", "text/html; charset=utf-8");
    });
    server_.Get("/bytes", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string("\x01\x02\xff", 3), "application/octet-stream");
    });
    server_.Get("/text", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "name=Ada Lovelace\ncode=aGVsbG8=\nenc=a%20b%2Fc\nhtml=&lt;b&gt; &amp; &#39;\ncsv=x,y,z\n"
          "num=42\npi=3.14\n",
          "text/plain");
    });
    server_.Get("/cookies/set", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Set-Cookie", "session=abc123; Path=/; HttpOnly; Max-Age=3600; SameSite=Lax");
      res.set_header("Set-Cookie", "theme=dark; Expires=Wed, 13 Jan 2038 22:23:01 GMT; Secure");
      res.set_content("ok", "text/plain");
    });
    server_.Get("/cookies/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_header_value("Cookie"), "text/plain");
    });
    server_.Get("/port", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::to_string(req.remote_port), "text/plain");
    });
    server_.Get("/redirect", [](const httplib::Request&, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "/hello");
    });
    server_.Get("/vary", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Vary", "Accept");
      res.set_header("Vary", "Origin");
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  ~TestServer() {
    server_.stop();
    thread_.join();
  }

  std::string host() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::string last_note() {
    std::lock_guard lock(mutex_);
    return last_note_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> counter_{0};
  std::mutex mutex_;
  std::string last_note_;
};

RunOptions fast_options() {
  RunOptions options;
  options.connect_timeout = std::chrono::milliseconds(1000);
  options.read_timeout = std::chrono::milliseconds(2000);
  options.write_timeout = std::chrono::milliseconds(2000);
  return options;
}

// Parses `source` (failing the test on a parse error) and runs it with `host` set.
FileResult run(const TestServer& server, const std::string& source, Variables& variables,
               const RunOptions& options = fast_options()) {
  const auto parsed = roadwork::hurl::parse(source, "test.hurl");
  for (const auto& error : parsed.errors)
    FAIL_CHECK(error.location.line << ":" << error.location.column << ": " << error.message);
  REQUIRE(parsed.file);
  variables.emplace("host", server.host());
  return roadwork::run::run_file(*parsed.file, variables, options);
}

FileResult run(const TestServer& server, const std::string& source,
               const RunOptions& options = fast_options()) {
  Variables variables;
  return run(server, source, variables, options);
}

// The first failed assert of the file, which the test expects to exist.
const AssertResult& first_failure(const FileResult& result) {
  for (const auto& entry : result.entries) {
    for (const auto& check : entry.asserts) {
      if (!check.passed) return check;
    }
  }
  FAIL("no assert failed");
  static const AssertResult none;
  return none;
}

// Every failed assert and entry error, one a line, so a failing test shows why.
std::string failures(const FileResult& result) {
  std::string out;
  for (const auto& entry : result.entries) {
    for (const auto& check : entry.asserts) {
      if (!check.passed) {
        out += check.source_text + " | expected " + check.expected + " | actual " + check.actual + " | " +
               check.message + "\n";
      }
    }
    if (entry.error) out += "error: " + *entry.error + "\n";
  }
  return out;
}

// A loopback socket bound to a free port, listening when asked; closed on destruction.
class RawSocket {
 public:
  explicit RawSocket(bool listen) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    if (listen) REQUIRE(::listen(fd_, 8) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  std::string host() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

  // Serves `connections` connections, one request each: writes `reply` and closes (once the client has,
  // with `keep_open`), or resets the connection when `reply` is empty.
  std::thread serve(int connections, std::string reply, bool keep_open = false) const {
    return std::thread([fd = fd_, connections, reply = std::move(reply), keep_open] {
      for (int i = 0; i < connections; ++i) {
        const int connection = ::accept(fd, nullptr, nullptr);
        std::string request;
        char buffer[1024];
        while (request.find("\r\n\r\n") == std::string::npos) {
          const auto got = ::read(connection, buffer, sizeof(buffer));
          if (got <= 0) break;
          request.append(buffer, static_cast<std::size_t>(got));
        }
        if (reply.empty()) {
          const linger reset{1, 0};
          ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
        } else {
          (void)::write(connection, reply.data(), reply.size());
          while (keep_open && ::read(connection, buffer, sizeof(buffer)) > 0) {
          }
        }
        ::close(connection);
      }
    });
  }

  // Serves `requests` requests on one kept-alive connection, each answered as many servers do: the head in
  // one write and the body in another, with Nagle's algorithm on (the socket's default), so that the body
  // leaves only once the client has acknowledged the head.
  std::thread serve_kept_alive(int requests, std::string head, std::string body) const {
    return std::thread([fd = fd_, requests, head = std::move(head), body = std::move(body)] {
      const int connection = ::accept(fd, nullptr, nullptr);
      std::string pending;
      char buffer[1024];
      for (int i = 0; i < requests; ++i) {
        std::size_t end;
        while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
          const auto got = ::read(connection, buffer, sizeof(buffer));
          if (got <= 0) break;
          pending.append(buffer, static_cast<std::size_t>(got));
        }
        if (end == std::string::npos) break;
        pending.erase(0, end + 4);
        (void)::write(connection, head.data(), head.size());
        (void)::write(connection, body.data(), body.size());
      }
      ::close(connection);
    });
  }

 private:
  int fd_;
  int port_ = 0;
};

FileResult run_at(const std::string& host, const std::string& source,
                  const RunOptions& options = fast_options()) {
  Variables variables{{"host", host}};
  const auto parsed = roadwork::hurl::parse(source, "test.hurl");
  REQUIRE(parsed.file);
  return roadwork::run::run_file(*parsed.file, variables, options);
}

}  // namespace

TEST_CASE("status, header and body asserts pass against a real server") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
Content-Type: application/json
[Asserts]
status == 200
header "Content-Type" contains "json"
body contains "Hello"
jsonpath "$.message" == "Hello, world!"
)");
  INFO(failures(result));
  REQUIRE(result.entries.size() == 1);
  CHECK(result.passed());
  CHECK(result.entries[0].asserts.size() == 6);
  REQUIRE(result.entries[0].call);
  const auto& call = *result.entries[0].call;
  CHECK(call.method == "GET");
  CHECK(call.url == server.host() + "/hello");
  CHECK(call.status == 200);
  CHECK(call.http_version == "HTTP/1.1");
  CHECK(call.response_body.find("Hello, world!") != std::string::npos);
  CHECK(call.time_ms >= 0);
}

TEST_CASE("a wrong status fails with the status line as source and stops the other checks") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
HTTP 201
[Asserts]
jsonpath "$.message" == "nope"
)");
  REQUIRE(result.entries.size() == 1);
  const auto& entry = result.entries[0];
  CHECK_FALSE(entry.passed());
  REQUIRE(entry.asserts.size() == 1);  // as in Hurl, nothing after a failed status is evaluated
  CHECK(entry.asserts[0].source_text == "HTTP 201");
  CHECK(entry.asserts[0].expected == "201");
  CHECK(entry.asserts[0].actual == "200");
  CHECK(entry.asserts[0].location.line == 2);
  CHECK(entry.asserts[0].location.file == "test.hurl");
}

TEST_CASE("implicit header and explicit header asserts show quoted values") {
  TestServer server;
  SUBCASE("wrong value") {
    const auto result = run(server, "GET {{host}}/hello\nHTTP 200\nContent-Type: text/html\n");
    const auto& failed = first_failure(result);
    CHECK(failed.source_text == "Content-Type: text/html");
    CHECK(failed.expected == R"("text/html")");
    CHECK(failed.actual == R"("application/json")");
  }
  SUBCASE("missing header") {
    const auto result = run(server, "GET {{host}}/hello\nHTTP 200\nLocation: /x\n");
    const auto& failed = first_failure(result);
    CHECK(failed.actual == "none");
  }
  SUBCASE("a repeated header is a list") {
    const auto result = run(server, R"(GET {{host}}/vary
HTTP 200
Vary: Origin
[Asserts]
header "Vary" count == 2
header "Vary" includes "Accept"
header "Vary" == "Accept"
)");
    const auto& failed = first_failure(result);
    CHECK(failed.source_text == R"(header "Vary" == "Accept")");
    CHECK(failed.actual == R"(["Accept","Origin"])");
    CHECK(result.entries[0].asserts.size() == 5);
  }
}

TEST_CASE("jsonpath asserts report expected and actual exactly") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
[Asserts]
jsonpath "$.message" == "Hello, Ada!"
jsonpath "$.count" == 4
jsonpath "$.missing" == 1
jsonpath "$.tags" == "a"
)");
  const auto& asserts = result.entries.at(0).asserts;
  REQUIRE(asserts.size() == 5);
  CHECK(asserts[1].source_text == R"(jsonpath "$.message" == "Hello, Ada!")");
  CHECK(asserts[1].expected == R"("Hello, Ada!")");
  CHECK(asserts[1].actual == R"("Hello, world!")");
  CHECK(asserts[1].location.line == 4);
  CHECK(asserts[2].expected == "4");
  CHECK(asserts[2].actual == "3");
  CHECK(asserts[3].actual == "none");
  CHECK(asserts[4].actual == R"(["a","b"])");
  for (std::size_t i = 1; i < asserts.size(); ++i) CHECK_FALSE(asserts[i].passed);
}

TEST_CASE("status, version, url, duration, bytes and sha256 queries") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/bytes
HTTP/1.1 200
[Asserts]
status < 300
version == "1.1"
url == "{{host}}/bytes"
duration < 2000
duration isInteger
bytes == hex,0102ff;
bytes count == 3
sha256 == hex,0526d0e18ea19dfaad9d79166bec1e18d6221ef6b1830385fe9bf67022ed5f96;
body exists
)");
  INFO(failures(result));
  // `body` reads text, and these bytes are not UTF-8: that assert alone fails, with the reason.
  const auto& failed = first_failure(result);
  CHECK(failed.source_text == "body exists");
  CHECK(failed.message.starts_with("the body is not valid UTF-8 text"));
  CHECK(result.entries.at(0).asserts.size() == 11);
  for (std::size_t i = 0; i + 1 < result.entries[0].asserts.size(); ++i)
    CHECK(result.entries[0].asserts[i].passed);
}

TEST_CASE("jsonpath shapes its result as Hurl: singular paths give a value, others a list") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
[Asserts]
jsonpath "$.items[0].name" == "one"
jsonpath "$['items'][1]['name']" == "two"
jsonpath "$.items[*].name" count == 2
jsonpath "$.items[?@.id == 1].name" count == 1
jsonpath "$.items[?@.id == 1].name" nth 0 == "one"
jsonpath "$.items[?@.id == 9].name" count == 0
jsonpath "$.items[?@.id == 9].name" exists
jsonpath "$.items[5]" not exists
jsonpath "$..name" includes "two"
)");
  INFO(failures(result));
  CHECK(result.passed());
}

TEST_CASE("a body that is not JSON fails a jsonpath assert with the reason") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/html
HTTP 200
[Asserts]
jsonpath "$.message" == "hi"
)");
  const auto& failed = first_failure(result);
  CHECK(failed.message.starts_with("the body is not valid JSON: "));
  CHECK(failed.message.find("<p>not json</p>") != std::string::npos);
  CHECK(failed.expected == R"("hi")");
}

TEST_CASE("captures carry to later entries: URL, header and JSON body templates") {
  TestServer server;
  Variables variables{{"greeting", "\"hi\""}, {"copies", 2}};
  const auto result = run(server, R"(POST {{host}}/notes
{"title": "first {{greeting}}", "copies": {{copies}}}
HTTP 201
[Captures]
note_url: header "Location"
note_id: jsonpath "$.id"
title: jsonpath "$.title"
[Asserts]
variable "note_id" == 42
jsonpath "$.title" == "first \"hi\""

GET {{host}}{{note_url}}
X-Token: token-{{note_id}}
HTTP 200
[Asserts]
jsonpath "$.id" == {{note_id}}
jsonpath "$.auth" == "token-42"
)",
                          variables);
  INFO(failures(result));
  CHECK(result.passed());
  CHECK(json::parse(server.last_note()) == json{{"title", "first \"hi\""}, {"copies", 2}});
  REQUIRE(result.entries.size() == 2);
  const auto& captures = result.entries[0].captures;
  REQUIRE(captures.size() == 3);
  CHECK(captures[0] == std::pair<std::string, std::string>{"note_url", R"("/notes/42")"});
  CHECK(captures[1] == std::pair<std::string, std::string>{"note_id", "42"});
  CHECK(variables.at("note_id") == json(42));  // captures keep their JSON type
  CHECK(variables.at("note_url") == json("/notes/42"));
  CHECK(result.entries[1].call->url == server.host() + "/notes/42");
}

TEST_CASE("a missing variable is an entry error naming it and its position") {
  TestServer server;
  SUBCASE("captured by no entry") {
    const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
[Captures]
id: jsonpath "$.count"

GET {{host}}/notes/{{note_id}}
HTTP 200
)");
    REQUIRE(result.entries.size() == 2);
    CHECK_FALSE(result.entries[1].call);
    CHECK(result.entries[1].error.value_or("") ==
          "test.hurl:6:20: variable `note_id` is not set (no entry of this file captures it, and it was not "
          "given as a variable)");
  }
  SUBCASE("captured only later") {
    const auto result = run(server, R"(GET {{host}}/notes/{{id}}
HTTP 200

GET {{host}}/hello
HTTP 200
[Captures]
id: jsonpath "$.count"
)");
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") ==
          "test.hurl:1:20: variable `id` is not set (it is captured later, at line 7)");
  }
  SUBCASE("a capture that finds nothing stops the entry") {
    const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
[Captures]
id: jsonpath "$.nope"
[Asserts]
status == 200

GET {{host}}/notes/{{id}}
HTTP 200
)");
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") ==
          "test.hurl:4:1: capture `id` failed: the query returned nothing");
    CHECK(result.entries[0].asserts.size() == 1);  // the status line, checked before captures
  }
}

TEST_CASE("a JSON body refuses a text variable outside quotes, as Hurl does") {
  TestServer server;
  Variables variables{{"title", "hello"}};
  const auto result = run(server, "POST {{host}}/notes\n{\"title\": {{title}}}\nHTTP 201\n", variables);
  REQUIRE(result.entries.size() == 1);
  REQUIRE(result.entries[0].error);
  CHECK(result.entries[0].error->find("variable `title` is the text \"hello\", which is not a JSON number") !=
        std::string::npos);
}

TEST_CASE("retry repeats the entry until the server is ready") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/counter
[Options]
retry: 10
retry-interval: 10
HTTP 200
[Asserts]
jsonpath "$.ready" == true
)");
  INFO(failures(result));
  CHECK(result.passed());
  REQUIRE(result.entries.size() == 1);
  CHECK(result.entries[0].call->response_body.find(R"("calls":3)") != std::string::npos);

  SUBCASE("and gives up after the retries") {
    const auto again = run(server, R"(GET {{host}}/counter
[Options]
retry: 2
retry-interval: 1
HTTP 200
[Asserts]
jsonpath "$.calls" == 100
)");
    CHECK_FALSE(again.passed());
    CHECK(again.entries.at(0).call->response_body.find(R"("calls":6)") != std::string::npos);  // 3 more tries
  }
}

TEST_CASE("predicates follow Hurl's typing") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
HTTP 200
[Asserts]
jsonpath "$.count" == 3
jsonpath "$.count" == 3.0
jsonpath "$.whole" == 2
jsonpath "$.count" != "3"
jsonpath "$.count" != 4
jsonpath "$.count" > 2
jsonpath "$.count" >= 3
jsonpath "$.ratio" < 2
jsonpath "$.ratio" <= 1.5
jsonpath "$.message" > "A"
jsonpath "$.message" startsWith "Hello"
jsonpath "$.message" endsWith "world!"
jsonpath "$.message" contains ", "
jsonpath "$.message" matches /^Hello, \w+!$/
jsonpath "$.message" matches "w.rld"
jsonpath "$.message" not matches /^bye/
jsonpath "$.tags" includes "b"
jsonpath "$.tags" not includes "c"
jsonpath "$.message" exists
jsonpath "$.nested.k" exists
jsonpath "$.nested.k" == null
jsonpath "$.nope" not exists
jsonpath "$.empty" isEmpty
jsonpath "$.tags" not isEmpty
jsonpath "$.flag" isBoolean
jsonpath "$.tags" isCollection
jsonpath "$.nested" isCollection
jsonpath "$.ratio" isFloat
jsonpath "$.whole" isFloat
jsonpath "$.count" isInteger
jsonpath "$.count" not isFloat
jsonpath "$.tags" isList
jsonpath "$.nested" not isList
jsonpath "$.ratio" isNumber
jsonpath "$.nested" isObject
jsonpath "$.message" isString
jsonpath "$.count" not isString
jsonpath "$.created" isIsoDate
jsonpath "$.message" not isIsoDate
jsonpath "$.id" isUuid
jsonpath "$.message" not isUuid
bytes startsWith hex,7b;
)");
  INFO(failures(result));
  CHECK(result.passed());

  SUBCASE("failures say what was expected") {
    const auto failed = run(server, R"(GET {{host}}/hello
HTTP 200
[Asserts]
jsonpath "$.count" == "3"
jsonpath "$.count" isString
jsonpath "$.message" not startsWith "Hello"
jsonpath "$.count" startsWith "3"
jsonpath "$.count" not startsWith "3"
jsonpath "$.nope" exists
jsonpath "$.count" > 5
jsonpath "$.message" matches "["
)");
    const auto& asserts = failed.entries.at(0).asserts;
    REQUIRE(asserts.size() == 9);
    CHECK(asserts[1].expected == R"("3")");  // a string never equals a number
    CHECK(asserts[1].actual == "3");
    CHECK(asserts[2].expected == "a string");
    CHECK(asserts[2].actual == "an integer 3");
    CHECK(asserts[3].expected == R"(not starts with "Hello")");
    CHECK(asserts[3].actual == R"("Hello, world!")");
    CHECK(asserts[4].message ==
          "`startsWith` works on two strings or two bytes values; the query returned an integer");
    CHECK_FALSE(asserts[5].passed);  // a type mismatch fails even when negated
    CHECK(asserts[6].expected == "something");
    CHECK(asserts[6].actual == "none");
    CHECK(asserts[7].expected == "greater than 5");
    CHECK(asserts[8].message.find("is not a valid regular expression") != std::string::npos);
    for (std::size_t i = 1; i < asserts.size(); ++i) CHECK_FALSE(asserts[i].passed);
  }
}

TEST_CASE("filters transform values with Hurl's semantics") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/text
HTTP 200
[Captures]
csv: regex /csv=(.*)/
[Asserts]
regex /name=(.*)/ == "Ada Lovelace"
regex /name=(.*)/ split " " count == 2
regex /name=(.*)/ split " " nth 1 == "Lovelace"
regex /name=(.*)/ split " " nth -1 == "Lovelace"
variable "csv" split "," first == "x"
variable "csv" split "," last == "z"
variable "csv" replace "," "-" == "x-y-z"
variable "csv" replaceRegex /[xz]/ "_" == "_,y,_"
body regex /num=(\d+)/ toInt == 42
body regex /pi=([\d.]+)/ toFloat == 3.14
body regex /num=(\d+)/ toInt toString == "42"
regex /enc=(.*)/ urlDecode == "a b/c"
regex /name=(.*)/ urlEncode == "Ada%20Lovelace"
regex /html=(.*)/ htmlUnescape == "<b> & '"
regex /html=(.*)/ htmlUnescape htmlEscape == "&lt;b&gt; &amp; &#x27;"
regex /code=(.*)/ base64Decode == hex,68656c6c6f;
regex /code=(.*)/ base64Decode decode "utf-8" == "hello"
regex /code=(.*)/ base64Decode base64Encode == "aGVsbG8="
regex /code=(.*)/ base64Decode count == 5
bytes count == 98
)");
  INFO(failures(result));
  CHECK(result.passed());

  SUBCASE("jsonpath on a JSON string, and filter errors fail the assert") {
    const auto failed = run(server, R"(GET {{host}}/echo
HTTP 200
[Asserts]
jsonpath "$.target" == "/echo"
jsonpath "$.method" jsonpath "$.x" exists
jsonpath "$.tags" nth 0 exists
jsonpath "$.method" count == 1
header "Location" location exists
)");
    const auto& asserts = failed.entries.at(0).asserts;
    REQUIRE(asserts.size() == 6);
    CHECK(asserts[1].passed);
    CHECK(asserts[2].message.starts_with("filter `jsonpath` needs a string holding JSON"));
    CHECK(asserts[3].message == "filter `nth` has no input: the query returned nothing");
    CHECK(asserts[4].message == R"(filter `count` needs a list or bytes, but its input is a string ("GET"))");
    CHECK(asserts[5].message == "filter `location` has no input: the query returned nothing");
  }
  SUBCASE("jsonpath filter on a captured JSON text") {
    const auto again = run(server, R"(GET {{host}}/echo
HTTP 200
[Captures]
raw: body
[Asserts]
variable "raw" jsonpath "$.method" == "GET"
)");
    INFO(failures(again));
    CHECK(again.passed());
  }
}

TEST_CASE("[Query], [Form], [Cookies], [BasicAuth] and headers arrive as sent") {
  TestServer server;
  Variables variables{{"who", "Ada Lovelace"}};
  const auto result = run(server, R"(GET {{host}}/echo?fixed=1
X-Custom: yes
[Query]
name: {{who}}
q: a+b&c
[Cookies]
session: abc
[BasicAuth]
ada: s3cret
HTTP 200
[Asserts]
jsonpath "$.target" == "/echo?fixed=1&name=Ada%20Lovelace&q=a%2Bb%26c"
jsonpath "$.headers.Cookie" == "session=abc"
jsonpath "$.headers.Authorization" == "Basic YWRhOnMzY3JldA=="
jsonpath "$.headers['X-Custom']" == "yes"
jsonpath "$.headers['User-Agent']" == "roadwork"
jsonpath "$.headers.Accept" == "*/*"

POST {{host}}/echo
[Form]
title: Tea & cake
count: 2
HTTP 200
[Asserts]
jsonpath "$.body" == "title=Tea%20%26%20cake&count=2"
jsonpath "$.headers['Content-Type']" == "application/x-www-form-urlencoded"

POST {{host}}/echo
```
raw text
```
HTTP 200
[Asserts]
jsonpath "$.body" == "raw text\n"
jsonpath "$.headers['Content-Type']" not exists
)",
                          variables);
  INFO(failures(result));
  CHECK(result.passed());
}

TEST_CASE("cookies set by a response are sent back and can be queried") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/cookies/set
HTTP 200
[Asserts]
cookie "session" == "abc123"
cookie "session[Value]" == "abc123"
cookie "session[Path]" == "/"
cookie "session[Max-Age]" == 3600
cookie "session[HttpOnly]" exists
cookie "session[Secure]" not exists
cookie "session[SameSite]" == "Lax"
cookie "theme[Expires]" exists
cookie "theme[Secure]" exists
cookie "nope" not exists

GET {{host}}/cookies/echo
HTTP 200
`theme=dark; session=abc123`
)");
  INFO(failures(result));
  CHECK(result.passed());
}

TEST_CASE("the implicit body assert compares text, as Hurl does") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/vary
HTTP 200
{ }
)");
  const auto& failed = first_failure(result);
  CHECK(failed.source_text == "response body");
  CHECK(failed.expected == R"("{ }")");
  CHECK(failed.actual == R"("{}")");
  CHECK(failed.message.find("the JSON is the same, but written differently") != std::string::npos);
}

TEST_CASE("redirects are followed only with [Options] location") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/redirect
HTTP 302
Location: /hello

GET {{host}}/redirect
[Options]
location: true
HTTP 200
[Asserts]
url == "{{host}}/hello"
jsonpath "$.count" == 3
)");
  INFO(failures(result));
  CHECK(result.passed());
  CHECK(curl_command(*result.entries.at(1).call) == "curl -i -L '" + server.host() + "/redirect'");
}

TEST_CASE("a response over the body limit stops cleanly") {
  TestServer server;
  auto options = fast_options();
  options.max_body_bytes = 1000;
  const auto result = run(server, "GET {{host}}/big\nHTTP 200\n", options);
  REQUIRE(result.entries.size() == 1);
  const auto& entry = result.entries[0];
  REQUIRE(entry.call);
  CHECK(entry.call->response_truncated);
  CHECK(entry.call->response_body.size() == 1000);
  CHECK(entry.call->status == 200);
  CHECK(entry.error.value_or("") == "the response body is larger than 1000 bytes, the most roadwork reads");

  SUBCASE("and the next request opens a new connection") {
    const auto next = run(server, "GET {{host}}/big\nHTTP 200\n\nGET {{host}}/hello\nHTTP 200\n", [] {
      auto keep = fast_options();
      keep.keep_going = true;
      keep.max_body_bytes = 1000;
      return keep;
    }());
    REQUIRE(next.entries.size() == 2);
    CHECK(next.entries[1].passed());
  }
}

TEST_CASE("network failures become entry errors") {
  SUBCASE("connection refused") {
    std::string host;
    {
      const RawSocket closed(false);  // bound but never listening: connections are refused
      host = closed.host();
    }
    const auto result = run_at(host, "GET {{host}}/hello\nHTTP 200\n");
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") == "connection refused by " + host.substr(7));
    REQUIRE(result.entries[0].call);
    CHECK(result.entries[0].call->status == 0);
    CHECK(curl_command(*result.entries[0].call) == "curl -i '" + host + "/hello'");
  }
  SUBCASE("connection reset before a response") {
    const RawSocket socket(true);
    auto server = socket.serve(1, "");
    const auto result = run_at(socket.host(), "GET {{host}}/\nHTTP 200\n");
    server.join();
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") ==
          "the connection was closed by " + socket.endpoint() + " before a complete response");
  }
  SUBCASE("read timeout") {
    TestServer server;
    auto options = fast_options();
    options.read_timeout = std::chrono::milliseconds(200);
    const auto result = run(server, "GET {{host}}/slow\nHTTP 200\n", options);
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") == "no response within 200 ms");
  }
}

TEST_CASE("a response that trickles in fails its request at the request's limit, not the run's") {
  TestServer server;
  auto options = fast_options();
  options.read_timeout = std::chrono::milliseconds(1000);  // each read is far quicker than this
  options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  SUBCASE("the run's default limit of a request") {
    options.max_time = std::chrono::milliseconds(500);
    const auto started = std::chrono::steady_clock::now();
    const auto result = run(server, "GET {{host}}/trickle\nHTTP 200\n", options);
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") ==
          "no complete response within 500 ms, the limit of one request (set by [Options] max-time)");
    CHECK(took >= std::chrono::milliseconds(500));
    CHECK(took < std::chrono::milliseconds(1200));  // not the 1.5 s the trickle takes, nor the run's 30 s
  }
  SUBCASE("[Options] max-time of the entry, in Hurl's duration syntax") {
    options.max_time = std::chrono::seconds(10);
    const auto result = run(server, "GET {{host}}/trickle\n[Options]\nmax-time: 300ms\nHTTP 200\n", options);
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") ==
          "no complete response within 300 ms, the limit of one request (set by [Options] max-time)");
  }
  SUBCASE("a trickle that ends within the limit passes") {
    const auto result = run(server,
                            "GET {{host}}/trickle\n[Options]\nmax-time: 4s\nHTTP 200\n[Asserts]\n"
                            "body == \"xxxxxxxxxx\"\n",
                            options);
    REQUIRE(result.entries.size() == 1);
    CHECK_FALSE(result.entries[0].error);
    CHECK(failures(result).empty());
  }
  SUBCASE("the run's deadline, when it comes first, is named as such") {
    options.max_time = std::chrono::seconds(10);
    options.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    const auto result = run(server, "GET {{host}}/trickle\nHTTP 200\n", options);
    REQUIRE(result.entries.size() == 1);
    CHECK(result.entries[0].error.value_or("") == "time limit reached while waiting for the response");
  }
}

TEST_CASE("an HTTP/1.0 server that closes every connection gets a new one for each entry") {
  // What Python's http.server does by default, as learners' standard-library servers will.
  const RawSocket socket(true);
  auto server = socket.serve(3, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
  const auto result = run_at(socket.host(), R"(GET {{host}}/a
HTTP/1.0 200
[Asserts]
version == "1.0"
body == "ok"

GET {{host}}/b
HTTP 200

POST {{host}}/c
`data`
HTTP 200
`ok`
)");
  server.join();
  INFO(failures(result));
  CHECK(result.passed());
  CHECK(result.entries.size() == 3);
}

TEST_CASE("a 304 ends at its headers on a connection kept open (RFC 9112 section 6.3)") {
  // No Content-Length, as Express sends it: a client that waits for a body waits until its read timeout.
  const RawSocket socket(true);
  auto server =
      socket.serve(1, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: keep-alive\r\n\r\n", true);
  const auto result = run_at(socket.host(), R"(GET {{host}}/a
If-None-Match: "v1"
HTTP 304
[Asserts]
header "ETag" == "\"v1\""
bytes count == 0
)");
  server.join();
  INFO(failures(result));
  CHECK(result.passed());
}

TEST_CASE("a captured value with a line break is not sent in a request header") {
  // The JSON string holds CR LF: as a header value it would end the field and add another.
  const RawSocket socket(true);
  auto server = socket.serve(1,
                             "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                             "29\r\n\r\n{\"t\": \"a\\r\\nX-Evil: yes\\r\\n\"}");
  const auto result = run_at(socket.host(), R"(GET {{host}}/token
HTTP 200
[Captures]
token: jsonpath "$.t"

GET {{host}}/next
Authorization: Bearer {{token}}
HTTP 200
)");
  server.join();
  REQUIRE(result.entries.size() == 2);
  CHECK(result.entries[0].passed());
  CHECK(result.entries[1].error.value_or("") ==
        "the request header `Authorization` holds a line break or NUL, which HTTP does not allow in a field");
}

TEST_CASE("a 204 that announces a body fails its request (RFC 9110 section 15.3.5)") {
  SUBCASE("Content-Length above 0: the bytes after the head would pass for the next response") {
    const RawSocket socket(true);
    auto server = socket.serve_kept_alive(
        1, "HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n",
        R"({"deleted": true})");
    const auto result = run_at(socket.host(), "DELETE {{host}}/notes/1\nHTTP 204\n");
    server.join();
    REQUIRE(result.entries.size() == 1);
    CHECK(
        result.entries[0].error.value_or("") ==
        "the 204 response announces a body (Content-Length: 17), but a 204 No Content ends after its headers "
        "(RFC 9110 §15.3.5): a client reads those bytes as the start of the next response");
  }
  SUBCASE("Content-Length: 0 announces nothing, and the connection serves the next request") {
    const RawSocket socket(true);
    auto server = socket.serve_kept_alive(2, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", "");
    const auto result =
        run_at(socket.host(), "DELETE {{host}}/notes/1\nHTTP 204\n\nDELETE {{host}}/notes/2\nHTTP 204\n");
    server.join();
    INFO(failures(result));
    CHECK(result.passed());
    CHECK(result.entries.size() == 2);
  }
}

TEST_CASE("keep-alive: several entries share one connection") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/port
HTTP 200
[Captures]
port: body

GET {{host}}/port
HTTP 200
[Asserts]
body == "{{port}}"

GET {{host}}/port
HTTP 200
[Asserts]
body == "{{port}}"
)");
  INFO(failures(result));
  CHECK(result.passed());
  CHECK(result.entries.size() == 3);
}

TEST_CASE("the curl line reproduces the request") {
  TestServer server;
  const auto result = run(server, R"(POST {{host}}/notes
X-Note: it's
{"title":"a"}
HTTP 201
)");
  REQUIRE(result.entries.size() == 1);
  REQUIRE(result.entries[0].call);
  CHECK(curl_command(*result.entries[0].call) ==
        "curl -i -X POST '" + server.host() +
            R"(/notes' -H 'X-Note: it'\''s' -H 'Content-Type: application/json' --data '{"title":"a"}')");
  const auto& headers = result.entries[0].call->request_headers;
  CHECK(std::find(headers.begin(), headers.end(),
                  std::pair<std::string, std::string>{"User-Agent", "roadwork"}) != headers.end());
  CHECK(result.entries[0].call->request_body == R"({"title":"a"})");
}

TEST_CASE("a failed entry stops the file unless keep_going") {
  TestServer server;
  const std::string source = "GET {{host}}/hello\nHTTP 404\n\nGET {{host}}/hello\nHTTP 200\n";
  CHECK(run(server, source).entries.size() == 1);
  auto options = fast_options();
  options.keep_going = true;
  const auto result = run(server, source, options);
  REQUIRE(result.entries.size() == 2);
  CHECK(result.entries[1].passed());
  CHECK(result.entries[1].index == 2);
  REQUIRE(result.first_failure());
  CHECK(result.first_failure()->index == 1);
}

TEST_CASE("[Options] variable, skip, repeat and delay") {
  TestServer server;
  const auto result = run(server, R"(GET {{host}}/hello
[Options]
skip: true
HTTP 500

GET {{host}}/counter
[Options]
repeat: 2
variable: expected=3
delay: 5
HTTP 200
[Asserts]
jsonpath "$.calls" <= 2
variable "expected" == 3
)");
  INFO(failures(result));
  CHECK(result.passed());
  REQUIRE(result.entries.size() == 2);
  CHECK(result.entries[0].index == 2);
}

TEST_CASE("the deadline stops entries not yet started") {
  TestServer server;
  auto options = fast_options();
  options.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  const auto result = run(server, "GET {{host}}/hello\nHTTP 200\n", options);
  REQUIRE(result.entries.size() == 1);
  CHECK(result.entries[0].error.value_or("") == "time limit reached before this entry started");

  SUBCASE("an endless retry ends at the deadline") {
    auto limited = fast_options();
    limited.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    const auto retried = run(server, R"(GET {{host}}/hello
[Options]
retry: -1
retry-interval: 20
HTTP 404
)",
                             limited);
    REQUIRE(retried.entries.size() == 1);
    CHECK_FALSE(retried.passed());
    CHECK(retried.entries[0].error->find("time limit") != std::string::npos);
  }
}

TEST_CASE("with allowed_origins, no request leaves for another origin, nor follows a redirect there") {
  RawSocket elsewhere(true);  // listening, never answering: a request that reached it would time out
  RawSocket server(true);
  auto redirecting = server.serve(
      1, "HTTP/1.1 302 Found\r\nLocation: " + elsewhere.host() + "/stolen\r\nContent-Length: 0\r\n\r\n");
  auto options = fast_options();
  options.allowed_origins = {{server.host()}};
  const auto direct = run_at(server.host(), "GET " + elsewhere.host() + "/secrets\nHTTP 200\n", options);
  REQUIRE(direct.entries.size() == 1);
  CHECK(direct.entries[0].error == "refused to send a request to " + elsewhere.host() +
                                       ": the checks may only reach the server under test, " + server.host());
  const auto redirected =
      run_at(server.host(), "GET {{host}}/start\n[Options]\nlocation: true\nHTTP 200\n", options);
  redirecting.join();
  REQUIRE(redirected.entries.size() == 1);
  CHECK(redirected.entries[0].error == "refused to send a request to " + elsewhere.host() +
                                           ": the checks may only reach the server under test, " +
                                           server.host());
}

TEST_CASE(
    "with allowed_origins, a request may also go to an origin the exercise declares, and nowhere else") {
  RawSocket server(true);
  RawSocket declared(true);
  RawSocket elsewhere(true);  // listening, never answering
  auto answering = declared.serve(1, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  auto options = fast_options();
  options.allowed_origins = {{server.host(), declared.host()}};
  const auto reached = run_at(server.host(), "GET " + declared.host() + "/hook\nHTTP 200\n", options);
  answering.join();
  CHECK(reached.passed());
  const auto refused = run_at(server.host(), "GET " + elsewhere.host() + "/hook\nHTTP 200\n", options);
  REQUIRE(refused.entries.size() == 1);
  CHECK(refused.entries[0].error == "refused to send a request to " + elsewhere.host() +
                                        ": the checks may only reach the server under test, " +
                                        server.host() + ", and the origins the exercise declares, " +
                                        declared.host());
}

TEST_CASE("a server that writes head and body separately is not held up by delayed ACKs") {
  // Without an immediate ACK of the head, the server's Nagle algorithm holds the body until the client's
  // delayed ACK fires: at least 40 ms a request on Linux (TCP_DELACK_MIN), against about 1 ms without the
  // stall. The median of 20 requests tells the two apart on any machine, however loaded.
  constexpr int kRequests = 20;
  RawSocket socket(true);
  auto server = socket.serve_kept_alive(
      kRequests, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n",
      R"({"ok": true} )");
  std::string source;
  for (int i = 0; i < kRequests; ++i)
    source += "GET {{host}}/item\nHTTP 200\n[Asserts]\njsonpath \"$.ok\" == true\n\n";
  const auto result = run_at(socket.host(), source);
  server.join();
  INFO(failures(result));
  CHECK(result.passed());
  REQUIRE(result.entries.size() == kRequests);
  std::vector<double> times;
  for (const auto& entry : result.entries) times.push_back(entry.call->time_ms);
  std::nth_element(times.begin(), times.begin() + kRequests / 2, times.end());
  CHECK(times[kRequests / 2] < 20.0);
}

TEST_CASE("regular expressions follow Rust's regex syntax and semantics") {
  using roadwork::run::Regex;
  using roadwork::run::regex_first_group;
  using roadwork::run::regex_replace_all;
  const auto compile = [](std::string_view pattern) {
    auto regex = Regex::compile(pattern);
    REQUIRE_MESSAGE(regex.ok(), pattern);
    return regex.value();
  };
  CHECK(regex_first_group(compile("(a|ab)"), "ab") == "a");  // leftmost-first, not leftmost-longest
  CHECK(regex_first_group(compile("(a+?)"), "aaa") == "a");
  CHECK(regex_first_group(compile("(a+)"), "aaa") == "aaa");
  CHECK(regex_first_group(compile(R"(id=(\d+))"), "x id=42;") == "42");
  CHECK(regex_first_group(compile(R"((?i)hello (\w+))"), "HeLLo World") == "World");
  CHECK(regex_first_group(compile(R"(^(\w+)$)"), "h\u00e9llo") == "h\u00e9llo");  // \w is Unicode-aware
  CHECK(regex_first_group(compile("(x)?y"), "y") == std::nullopt);                // the group took no part
  CHECK_FALSE(compile("^abc$").is_match("abc\n"));  // without (?m), $ is the end of the text only
  CHECK(compile("(?m)^b$").is_match("a\nb\nc"));
  CHECK(compile(R"(\bcat\b)").is_match("a cat!"));
  CHECK_FALSE(compile(R"(\bcat\b)").is_match("concat"));
  CHECK(compile("[[:alpha:]]{3}-[^0-9]").is_match("abc-x"));
  CHECK(compile(R"(^\d{4}-\d{2}-\d{2}$)").is_match("2024-01-31"));
  CHECK(compile("^a.c$").is_match("a\u00e9c"));  // `.` is one code point
  CHECK_FALSE(compile("a.c").is_match("a\nc"));
  CHECK(compile("(?s)a.c").is_match("a\nc"));
  CHECK(compile(R"(^\p{Lu}\p{Ll}+$)").is_match("\u00c9mile"));
  CHECK(compile("(?i)[a-c]+\u00e9").is_match("ABC\u00c9"));
  CHECK(compile("^x{2,3}$").is_match("xxx"));
  CHECK_FALSE(compile("^x{2,3}$").is_match("xxxx"));
  CHECK(compile(R"(^[\w.+-]+@\w+\.\w{2,}$)").is_match("ada.l+1@example.org"));
  CHECK(compile("(?P<year>\\d{4})-(?<month>\\d\\d)").group_index("month") == 2);
  // Rust's spellings that RE2 lacks, and Rust's Unicode-aware \d \s \w (RE2's own are ASCII).
  CHECK(compile(R"(^\u{e9}\u00e9\x{e9}$)").is_match("\u00e9\u00e9\u00e9"));
  CHECK(compile(R"(^\d+$)").is_match("\u0663\u0664"));    // Arabic-Indic digits
  CHECK(compile(R"(^\s+$)").is_match("\u00a0\u2003\t"));  // no-break and em spaces
  CHECK(compile(R"(^\W+$)").is_match("-- !"));
  CHECK_FALSE(compile(R"(\W)").is_match("\u00e9"));  // é is a word character
  CHECK(compile(R"(^[\w-]+$)").is_match("caf\u00e9-2"));
  CHECK(compile(R"(^[\d-]+$)").is_match("1-2"));  // a `-` before `]` is a literal, also after a class escape
  CHECK(regex_replace_all(compile(R"((\w+)@(\w+))"), "ada@home bob@work", "$2:$1") == "home:ada work:bob");
  CHECK(regex_replace_all(compile(R"((?P<d>\d))"), "a1b2", "[${d}]") == "a[1]b[2]");
  CHECK(regex_replace_all(compile("x*"), "abc", "-") == "-a-b-c-");
  CHECK(regex_replace_all(compile("x*"), "abxd", "-") == "-a-b-d-");  // no empty match right after a match
  CHECK(regex_replace_all(compile(R"(\s+)"), "1 2\t3  4", ",") == "1,2,3,4");
  CHECK(regex_replace_all(compile("a"), "banana", "$$") == "b$n$n$");

  for (const auto* bad : {"(a",        "a)",    "[a",      "a{2",   "(?=a)",   "\\1",      "*a",      "[z-a]",
                          "\\q",       "(?x)a", "[a&&b]",  "[\\W]", "a{1001}", "x{y}",     "(?<=a)b", "\\<a",
                          "a\\b{end}", "\\0",   "\\Qa\\E", "\\C",   "[\\d-z]", "\\u{D800}"}) {
    CHECK_MESSAGE(!Regex::compile(bad).ok(), bad);
  }
  CHECK(Regex::compile("(?=a)").error().message ==
        "`(?=a)` is not a valid regular expression: look-around is not supported (neither is it by Rust's "
        "regex, "
        "which Hurl uses) (at offset 2)");

  SUBCASE("large texts: no recursion over the text, time linear in it") {
    const std::string big(200'000, 'a');  // std::regex overflows its stack from about 30 KB
    CHECK_FALSE(compile("(a|b)*c").is_match(big));
    CHECK(regex_first_group(compile("^(a+)$"), big)->size() == big.size());
    CHECK(regex_replace_all(compile("a{10}"), big, "b").size() == big.size() / 10);
  }
  SUBCASE("on a large response body") {
    TestServer server;
    const auto result = run(server, R"(GET {{host}}/big
HTTP 200
[Asserts]
body matches /^x+$/
regex /(x{5})$/ == "xxxxx"
)");
    INFO(failures(result));
    CHECK(result.passed());
  }
}

TEST_CASE(
    "check_variables: a placeholder nothing sets before it is located; captures and options set names") {
  const auto parsed = roadwork::hurl::parse(
      "POST {{host}}/notes\n"  // 1: a built-in
      "X-Trace: {{trace}}\n"   // 2: set by nothing
      "[Options]\n"
      "variable: title=Hello\n"
      "{\"title\": \"{{title}}\"}\n"  // 5: set by this entry's [Options]
      "HTTP 201\n"
      "[Captures]\n"
      "id: jsonpath \"$.id\"\n"
      "[Asserts]\n"
      "jsonpath \"$.id\" == {{id}}\n"        // 10: captured by this entry, before its asserts
      "jsonpath \"$.owner\" == {{owner}}\n"  // 11: captured only later
      "GET {{host}}/notes/{{id}}?t={{title}}\n"
      "HTTP 200\n"
      "[Captures]\n"
      "owner: jsonpath \"$.owner\"\n",
      "v.hurl");
  REQUIRE(parsed.file);
  std::set<std::string> defined{"host", "port", "uid"};
  const auto diagnostics = roadwork::run::check_variables(*parsed.file, defined);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].location.line == 2);
  CHECK(diagnostics[0].location.column == 10);  // at the `{{`
  CHECK(diagnostics[0].message ==
        "variable `trace` is not defined here: no earlier entry or step captures it, no [Options] variable "
        "sets it, and it is not a built-in (host, port, uid)");
  CHECK(diagnostics[1].location.line == 11);
  CHECK(defined == std::set<std::string>{"host", "id", "owner", "port", "title", "uid"});

  // A later file sees what this one set.
  const auto later = roadwork::hurl::parse("GET {{host}}/users/{{owner}}\nHTTP 200\n", "w.hurl");
  REQUIRE(later.file);
  CHECK(roadwork::run::check_variables(*later.file, defined).empty());
}
