#include "checker/run/http1_connection.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "checker/run/headers.hpp"

namespace roadwork::run {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A head this large is no response of a server under test (cpp-httplib and most servers stop at 8 KiB).
constexpr std::size_t kMaxHead = 64 * 1024;
// SO_RCVTIMEO is set again only when the wanted timeout leaves this band above the one set: most requests
// to a local server end within it, so they cost no setsockopt, and a timeout ends at most this much late.
constexpr milliseconds kTimeoutSlack{10};

milliseconds left_until(Clock::time_point deadline) {
  return std::chrono::ceil<milliseconds>(deadline - Clock::now());
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Whether the comma-separated list `value` (a Connection or Transfer-Encoding header) holds `token`, or, with
// `last`, ends with it; ignoring ASCII case, as in field names (RFC 9110 §5.6.1).
bool has_token(std::string_view value, std::string_view token, bool last = false) {
  std::string_view final_item;
  while (!value.empty()) {
    const auto comma = value.find(',');
    const auto item = trim(value.substr(0, comma));
    if (!last && same_header_name(item, token)) return true;
    if (!item.empty()) final_item = item;
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
  }
  return last && same_header_name(final_item, token);
}

// The addresses of `host` (a name, an IPv4 address, or an IPv6 address in brackets) at `port`; an address
// given as one is used without a lookup.
std::vector<sockaddr_storage> addresses(const std::string& host, int port) {
  std::vector<sockaddr_storage> found;
  sockaddr_storage address{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
  const auto bare = host.starts_with('[') && host.ends_with(']') ? host.substr(1, host.size() - 2) : host;
  if (inet_pton(AF_INET, bare.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    found.push_back(address);
  } else if (inet_pton(AF_INET6, bare.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    found.push_back(address);
  } else {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    const auto service = std::to_string(port);
    if (getaddrinfo(bare.c_str(), service.c_str(), &hints, &list) == 0) {
      for (auto* item = list; item != nullptr; item = item->ai_next) {
        sockaddr_storage one{};
        std::memcpy(&one, item->ai_addr, item->ai_addrlen);
        found.push_back(one);
      }
    }
    if (list != nullptr) freeaddrinfo(list);
  }
  return found;
}

// Parses the status line and header lines of `head` (without the blank line) into `response`; a problem
// in words, or "".
std::string parse_head(std::string_view head, Http1Response& response) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const auto end = head.find('\n');
    auto line = head.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 1);
  }
  // RFC 9112 §4: HTTP-version SP status-code SP [ reason-phrase ]
  const auto status_line = lines.empty() ? std::string_view() : lines.front();
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ' ||
      (status_line.size() > 12 && status_line[12] != ' ')) {
    return "its first line is not an HTTP/1.x status line: `" + std::string(status_line.substr(0, 80)) + "`";
  }
  response.version = std::string(status_line.substr(0, 8));
  const auto digits = status_line.substr(9, 3);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + 3, response.status);
  if (error != std::errc() || end != digits.data() + 3 || response.status < 100) {
    return "its status code is not three digits: `" + std::string(status_line.substr(0, 80)) + "`";
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto line = lines[i];
    if ((line.starts_with(' ') || line.starts_with('\t')) && !response.headers.empty()) {
      auto& value = response.headers.back().second;  // obs-fold: joined with a space (RFC 9112 §5.2)
      value += ' ';
      value += trim(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos ||
        line.substr(0, colon).find_first_of(" \t") != std::string_view::npos) {
      return "a header line is not `name: value`: `" + std::string(line.substr(0, 80)) + "`";
    }
    response.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(trim(line.substr(colon + 1))));
  }
  return "";
}

}  // namespace

Http1Connection::Http1Connection(std::string host, int port) : host_(std::move(host)), port_(port) {}

Http1Connection::~Http1Connection() { close(); }

void Http1Connection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
  receive_timeout_ = send_timeout_ = milliseconds(-1);
}

Http1Outcome Http1Connection::connect(const Http1Exchange& exchange) {
  const auto found = addresses(host_, port_);
  if (found.empty()) return Http1Outcome::Unresolved;
  auto outcome = Http1Outcome::Refused;
  for (const auto& address : found) {
    fd_ = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd_ < 0) return Http1Outcome::Refused;
    const int on = 1;
    // The head and the body leave at once, whatever the server's ACKs (Nagle's algorithm would hold the
    // body).
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    const auto size = address.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    int error = 0;
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), size) < 0) error = errno;
    if (error == EINPROGRESS) {
      const auto left = left_until(exchange.deadline);
      const auto wait = std::min(exchange.connect_timeout, left);
      pollfd ready{fd_, POLLOUT, 0};
      int polled = 0;
      do {
        polled = ::poll(&ready, 1, static_cast<int>(std::max<milliseconds::rep>(wait.count(), 0)));
      } while (polled < 0 && errno == EINTR);
      if (polled == 0) {
        close();
        return left <= exchange.connect_timeout ? Http1Outcome::ExchangeTimeout
                                                : Http1Outcome::ConnectTimeout;
      }
      socklen_t length = sizeof error;
      ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &length);
    }
    if (error == 0) {
      ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);  // blocking, with kernel timeouts
      return Http1Outcome::Complete;
    }
    close();
    outcome = error == ETIMEDOUT ? Http1Outcome::ConnectTimeout : Http1Outcome::Refused;
  }
  return outcome;
}

bool Http1Connection::still_open() {
  char byte = 0;
  const auto peeked = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // not closed, and nothing unasked for
}

Http1Outcome Http1Connection::send_all(std::string_view data, const Http1Exchange& exchange) {
  if (send_timeout_ != exchange.write_timeout) {
    const auto ms = std::max<milliseconds::rep>(exchange.write_timeout.count(), 1);
    const timeval tv{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>(ms % 1000 * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    send_timeout_ = exchange.write_timeout;
  }
  while (!data.empty()) {
    const auto sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return Http1Outcome::SendFailed;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return Http1Outcome::Complete;
}

void Http1Connection::set_receive_timeout(milliseconds timeout) {
  timeout = std::max(timeout, milliseconds(1));  // 0 would mean no timeout at all
  if (receive_timeout_ >= timeout && receive_timeout_ <= timeout + kTimeoutSlack) return;
  const timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  receive_timeout_ = timeout;
}

Http1Outcome Http1Connection::read_more(const Http1Exchange& exchange, bool again) {
  for (;;) {
    const auto left = left_until(exchange.deadline);
    if (left <= milliseconds(0)) return Http1Outcome::ExchangeTimeout;
    set_receive_timeout(std::min(exchange.read_timeout, left));
#ifdef TCP_QUICKACK
    // A server that writes its head and its body in two sends holds the body (Nagle's algorithm) until the
    // head is acknowledged, and Linux delays that ACK by 40 ms or more: a response that did not come whole
    // is acknowledged now. The kernel goes back to delaying after the next send, hence every time.
    if (again) {
      const int on = 1;
      ::setsockopt(fd_, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    }
#endif
    char chunk[64 * 1024];
    const auto got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got > 0) {
      received_ = true;
      buffer_.append(chunk, static_cast<std::size_t>(got));
      return Http1Outcome::Complete;
    }
    if (got == 0) return Http1Outcome::ClosedEarly;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Http1Outcome::ClosedEarly;  // reset, …
    return Clock::now() >= exchange.deadline ? Http1Outcome::ExchangeTimeout : Http1Outcome::ReadTimeout;
  }
}

Http1Outcome Http1Connection::read_head(const Http1Exchange& exchange, Http1Response& response) {
  for (bool again = false;; again = true) {
    auto end = buffer_.find("\r\n\r\n");
    std::size_t blank = 4;
    if (const auto bare = buffer_.find("\n\n"); bare != std::string::npos && bare < end) {
      end = bare;  // RFC 9112 §2.2: a bare LF may end a line
      blank = 2;
    }
    if (end == std::string::npos) {
      if (buffer_.size() > kMaxHead) {
        response.problem = "its head is larger than " + std::to_string(kMaxHead) + " bytes";
        return Http1Outcome::Malformed;
      }
      if (const auto outcome = read_more(exchange, again); outcome != Http1Outcome::Complete) return outcome;
      continue;
    }
    response.headers.clear();
    response.problem = parse_head(std::string_view(buffer_).substr(0, end), response);
    buffer_.erase(0, end + blank);
    if (!response.problem.empty()) return Http1Outcome::Malformed;
    // An interim response (100 Continue, 103 Early Hints) comes before the final one (RFC 9110 §15.2).
    if (response.status >= 200 || response.status == 101) {
      response.head_arrived = true;
      return Http1Outcome::Complete;
    }
  }
}

bool Http1Connection::append_body(std::string_view data, const Http1Exchange& exchange,
                                  Http1Response& response) {
  const auto room = exchange.max_body_bytes - std::min(exchange.max_body_bytes, response.body.size());
  response.body.append(data.substr(0, room));
  response.truncated = data.size() > room;
  return !response.truncated;
}

Http1Outcome Http1Connection::read_line(const Http1Exchange& exchange, Http1Response& response,
                                        std::string& line) {
  for (;;) {
    if (const auto end = buffer_.find('\n'); end != std::string::npos) {
      line = buffer_.substr(0, end);
      if (line.ends_with('\r')) line.pop_back();
      buffer_.erase(0, end + 1);
      return Http1Outcome::Complete;
    }
    if (buffer_.size() > kMaxHead) {
      response.problem = "a line of its chunked body is longer than " + std::to_string(kMaxHead) + " bytes";
      return Http1Outcome::Malformed;
    }
    if (const auto outcome = read_more(exchange, true); outcome != Http1Outcome::Complete) return outcome;
  }
}

// RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF chunk-data CRLF … last-chunk trailer-section CRLF
Http1Outcome Http1Connection::read_chunked(const Http1Exchange& exchange, Http1Response& response) {
  for (;;) {
    std::string line;
    if (const auto outcome = read_line(exchange, response, line); outcome != Http1Outcome::Complete)
      return outcome;
    const auto size_text = trim(std::string_view(line).substr(0, line.find(';')));
    std::size_t size = 0;
    const auto [end, error] =
        std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (size_text.empty() || error != std::errc() || end != size_text.data() + size_text.size()) {
      response.problem = "a chunk size is not a hexadecimal number: `" + line.substr(0, 40) + "`";
      return Http1Outcome::Malformed;
    }
    if (size == 0) {
      do {  // the trailer section, up to its blank line
        if (const auto outcome = read_line(exchange, response, line); outcome != Http1Outcome::Complete)
          return outcome;
      } while (!line.empty());
      return Http1Outcome::Complete;
    }
    while (buffer_.size() < size + 2) {
      if (buffer_.size() > exchange.max_body_bytes + kMaxHead) break;  // enough to cut the body at the limit
      if (const auto outcome = read_more(exchange, true); outcome != Http1Outcome::Complete) return outcome;
    }
    if (!append_body(std::string_view(buffer_).substr(0, std::min(size, buffer_.size())), exchange, response))
      return Http1Outcome::Complete;
    buffer_.erase(0, size + 2);
  }
}

// RFC 9112 §6.3: how long the body of this response is.
Http1Outcome Http1Connection::read_body(const Http1Exchange& exchange, Http1Response& response) {
  if (exchange.head_request || response.status < 200 || response.status == 204 || response.status == 304)
    return Http1Outcome::Complete;
  if (const auto coding = find_header(response.headers, "Transfer-Encoding")) {
    if (has_token(*coding, "chunked", true)) return read_chunked(exchange, response);
  } else if (const auto length = find_header(response.headers, "Content-Length")) {
    std::size_t expected = 0;
    // A list of one repeated value ("5, 5") is one length (RFC 9110 §8.6).
    const auto first = trim(std::string_view(*length).substr(0, length->find(',')));
    const auto [end, error] = std::from_chars(first.data(), first.data() + first.size(), expected);
    if (first.empty() || error != std::errc() || end != first.data() + first.size()) {
      response.problem = "its Content-Length is not a number: `" + length->substr(0, 40) + "`";
      return Http1Outcome::Malformed;
    }
    while (buffer_.size() < expected && buffer_.size() <= exchange.max_body_bytes) {
      if (const auto outcome = read_more(exchange, true); outcome != Http1Outcome::Complete) return outcome;
    }
    append_body(std::string_view(buffer_).substr(0, std::min(expected, buffer_.size())), exchange, response);
    buffer_.erase(0, std::min(expected, buffer_.size()));
    return Http1Outcome::Complete;
  }
  // Neither: the body ends when the server closes the connection.
  for (;;) {
    if (!append_body(buffer_, exchange, response)) return Http1Outcome::Complete;
    buffer_.clear();
    const auto outcome = read_more(exchange, true);
    if (outcome == Http1Outcome::ClosedEarly) {
      close();
      return Http1Outcome::Complete;
    }
    if (outcome != Http1Outcome::Complete) return outcome;
  }
}

Http1Outcome Http1Connection::exchange(const Http1Exchange& exchange, Http1Response& response) {
  // A kept-alive connection may have been closed by the server since the last response (its idle
  // timeout). A request that must not be sent twice (RFC 9110 §9.2.2) looks first; an idempotent one goes
  // at once and, when the connection then ends before a byte of the response, once more on a new
  // connection, as curl does. Not with a gate: each request of a burst must reach it once.
  if (fd_ >= 0 && !exchange.idempotent && !still_open()) close();
  const bool reused = fd_ >= 0;
  auto outcome = send_and_read(exchange, response);
  if (reused && exchange.idempotent && !exchange.gate && !received_ &&
      (outcome == Http1Outcome::ClosedEarly || outcome == Http1Outcome::SendFailed)) {
    outcome = send_and_read(exchange, response);
  }
  if (outcome != Http1Outcome::Complete) return outcome;  // send_and_read closed the connection
  const auto connection = find_header(response.headers, "Connection");
  const bool keep_alive = response.version == "HTTP/1.1" ? !(connection && has_token(*connection, "close"))
                                                         : connection && has_token(*connection, "keep-alive");
  // What follows a response on the connection is no response to the next request, and after a 101 the
  // connection speaks another protocol: start afresh.
  if (!keep_alive || response.truncated || !buffer_.empty() || response.status == 101) close();
  return Http1Outcome::Complete;
}

Http1Outcome Http1Connection::send_and_read(const Http1Exchange& exchange, Http1Response& response) {
  response = Http1Response{};
  received_ = false;
  if (fd_ < 0) {
    if (const auto outcome = connect(exchange); outcome != Http1Outcome::Complete) return outcome;
  }
  auto outcome = Http1Outcome::Complete;
  if (exchange.body.empty()) {
    if (exchange.gate) exchange.gate();
    outcome = send_all(exchange.head, exchange);
  } else {
    outcome = send_all(exchange.head, exchange);
    if (outcome == Http1Outcome::Complete && exchange.gate) exchange.gate();
    if (outcome == Http1Outcome::Complete) outcome = send_all(exchange.body, exchange);
  }
  if (outcome == Http1Outcome::Complete) outcome = read_head(exchange, response);
  if (outcome == Http1Outcome::Complete) outcome = read_body(exchange, response);
  if (outcome != Http1Outcome::Complete) close();
  return outcome;
}

}  // namespace roadwork::run
