// roadwork's HTTP/1.1 client connection (RFC 9112) against a raw server on a real loopback socket, which
// answers with exactly the bytes each case gives: framing, interim responses, folded fields, content
// codings, and what a response that is not HTTP looks like. test_runner.cpp covers timeouts, truncation,
// 204 and 304 through the runner.

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "checker/run/content_coding.hpp"
#include "checker/run/http1_connection.hpp"

namespace {

using namespace roadwork::run;
using namespace std::chrono_literals;

/// A server on a loopback port, of `connections` connections one after the other: on each, for each request
/// it reads (up to the blank line), it writes the next of `replies`, each split into the pieces its '|'
/// marks (with a pause between them); then it closes the connection. Counts the connections it accepted.
class RawServer {
 public:
  explicit RawServer(std::vector<std::string> replies, int connections = 1)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, replies = std::move(replies), connections] {
      for (int i = 0; i < connections; ++i) serve(replies);
    });
  }
  ~RawServer() {
    ::shutdown(fd_, SHUT_RDWR);  // a connection a failed case never made: accept() returns
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int accepted() const { return accepted_; }

 private:
  void serve(const std::vector<std::string>& replies) {
    const int connection = ::accept(fd_, nullptr, nullptr);
    if (connection < 0) return;
    ++accepted_;
    std::string pending;
    char buffer[4096];
    for (const auto& reply : replies) {
      std::size_t end;
      while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
        const auto got = ::read(connection, buffer, sizeof buffer);
        if (got <= 0) break;
        pending.append(buffer, static_cast<std::size_t>(got));
      }
      pending.erase(0, end == std::string::npos ? pending.size() : end + 4);
      for (std::size_t at = 0; at <= reply.size();) {
        const auto bar = std::min(reply.find('|', at), reply.size());
        (void)::send(connection, reply.data() + at, bar - at, MSG_NOSIGNAL);
        if (bar < reply.size()) std::this_thread::sleep_for(20ms);
        at = bar + 1;
      }
    }
    ::close(connection);
  }

  int fd_;
  int port_ = 0;
  int accepted_ = 0;
  std::thread thread_;
};

Http1Exchange get(const std::string& path = "/") {
  Http1Exchange exchange;
  exchange.head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  exchange.max_body_bytes = 1 << 20;
  exchange.connect_timeout = exchange.read_timeout = exchange.write_timeout = 2000ms;
  exchange.deadline = std::chrono::steady_clock::now() + 5s;
  return exchange;
}

/// One GET to a RawServer that answers `reply`: how it ended, and the response in `response`.
Http1Outcome get_from(const std::string& reply, Http1Response& response) {
  RawServer server({reply});
  Http1Connection connection("127.0.0.1", server.port());
  return connection.exchange(get(), response);
}

std::string compress(const std::string& text, int window_bits) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(text.size() + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("a chunked body, with an extension and a trailer, then a second response on the same connection") {
  RawServer server(
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n|7\r\n, world\r\n"
       "0\r\nX-Trailer: t\r\n\r\n",
       "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n|ok"});
  Http1Connection connection("127.0.0.1", server.port());
  Http1Response response;
  REQUIRE(connection.exchange(get("/a"), response) == Http1Outcome::Complete);
  CHECK(response.status == 200);
  CHECK(response.body == "hello, world");
  REQUIRE(connection.exchange(get("/b"), response) == Http1Outcome::Complete);
  CHECK(response.status == 201);
  CHECK(response.body == "ok");
  connection.close();
  CHECK(server.accepted() == 1);
}

TEST_CASE("interim 1xx responses are skipped; folded fields are joined; header fields keep their order") {
  RawServer server(
      {"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nZ-First: 1\r\n"
       "X-Folded: one\r\n  two\r\nContent-Length: 0\r\n\r\n"});
  Http1Connection connection("127.0.0.1", server.port());
  Http1Response response;
  REQUIRE(connection.exchange(get(), response) == Http1Outcome::Complete);
  CHECK(response.status == 200);
  REQUIRE(response.headers.size() == 3);
  CHECK(response.headers[0].first == "Z-First");
  CHECK(response.headers[1].second == "one two");
}

TEST_CASE("an HTTP/1.0 body without a length ends with the connection, and bare LF ends lines") {
  Http1Response response;
  REQUIRE(get_from("HTTP/1.0 200 OK\nContent-Type: text/plain\n\nall of it|, until the close", response) ==
          Http1Outcome::Complete);
  CHECK(response.version == "HTTP/1.0");
  CHECK(response.body == "all of it, until the close");
}

TEST_CASE("a connection that closes before the announced body is complete") {
  Http1Response response;
  CHECK(get_from("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", response) ==
        Http1Outcome::ClosedEarly);
  CHECK(response.head_arrived);
}

TEST_CASE("what is not an HTTP/1.x response says why") {
  SUBCASE("no status line") {
    Http1Response response;
    CHECK(get_from("hello there\r\n\r\n", response) == Http1Outcome::Malformed);
    CHECK(response.problem == "its first line is not an HTTP/1.x status line: `hello there`");
  }
  SUBCASE("a Content-Length that is no number") {
    Http1Response response;
    CHECK(get_from("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", response) == Http1Outcome::Malformed);
    CHECK(response.problem == "its Content-Length is not a number: `ten`");
  }
}

TEST_CASE("a refused connection and a host that does not resolve") {
  int port = 0;
  {
    RawServer server({});
    port = server.port();
    Http1Connection connection("127.0.0.1", port);
    Http1Response response;
    // Accepted, then closed unread: the close resets the connection, before or after the request went.
    const auto outcome = connection.exchange(get(), response);
    CHECK((outcome == Http1Outcome::ClosedEarly || outcome == Http1Outcome::SendFailed));
  }
  Http1Connection refused("127.0.0.1", port);
  Http1Response response;
  CHECK(refused.exchange(get(), response) == Http1Outcome::Refused);
  Http1Connection nowhere("no-such-host.invalid", 80);
  CHECK(nowhere.exchange(get(), response) == Http1Outcome::Unresolved);
}

TEST_CASE("content codings are undone: gzip, deflate (zlib or raw) and br, within the body limit") {
  const std::string text = "the same words again and again, the same words again and again";
  for (const auto& [coding, encoded] :
       std::vector<std::pair<std::string, std::string>>{{"gzip", compress(text, 15 + 16)},
                                                        {"deflate", compress(text, 15)},
                                                        {"deflate", compress(text, -15)}}) {
    CAPTURE(coding);
    std::string body = encoded;
    bool truncated = false;
    REQUIRE(decode_content(coding, body, 1000, truncated));
    CHECK(body == text);
    CHECK_FALSE(truncated);
    body = encoded;
    REQUIRE(decode_content(coding, body, 10, truncated));
    CHECK(body == text.substr(0, 10));
    CHECK(truncated);
  }
  // "hello, brotli", from Node.js's zlib.brotliCompressSync.
  const unsigned char br[] = {0x0b, 0x06, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x2c,
                              0x20, 0x62, 0x72, 0x6f, 0x74, 0x6c, 0x69, 0x03};
  std::string body(reinterpret_cast<const char*>(br), sizeof br);
  bool truncated = false;
  REQUIRE(decode_content("br", body, 1000, truncated));
  CHECK(body == "hello, brotli");
  std::string plain = "as it is";
  CHECK(decode_content("identity", plain, 1000, truncated));
  CHECK(plain == "as it is");
  std::string broken = "not gzip at all";
  CHECK_FALSE(decode_content("gzip", broken, 1000, truncated));
}

TEST_CASE(
    "a kept-alive connection the server closed is replaced: before a POST, or after a GET found it closed") {
  const std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  for (const std::string method : {"GET", "POST"}) {
    CAPTURE(method);
    RawServer server({reply}, 2);  // each connection answers one request, then the server closes it
    Http1Connection connection("127.0.0.1", server.port());
    auto exchange = get();
    exchange.head = method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
    exchange.idempotent = method == "GET";
    Http1Response response;
    REQUIRE(connection.exchange(exchange, response) == Http1Outcome::Complete);
    std::this_thread::sleep_for(50ms);  // the server's close arrives
    REQUIRE(connection.exchange(exchange, response) == Http1Outcome::Complete);
    CHECK(response.body == "ok");
    connection.close();
    CHECK(server.accepted() == 2);
  }
}
