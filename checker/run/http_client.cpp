#include "checker/run/http_client.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "checker/run/content_coding.hpp"
#include "checker/run/host_lookup.hpp"
#include "checker/run/http1_connection.hpp"

namespace roadwork::run {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Acknowledges what has arrived at once. A server that writes its head and body in two sends holds the body
// (Nagle's algorithm) until the head is acknowledged, and Linux delays that ACK by 40 ms or more after the
// client has just sent a request; the kernel goes back to delaying after the next send, hence after every
// read.
void acknowledge_now(int socket) {
#ifdef TCP_QUICKACK
  const int on = 1;
  if (socket >= 0) ::setsockopt(socket, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

std::optional<RequestLimits> limits_for(const RunOptions& options, milliseconds max_time) {
  const auto left = options.deadline
                        ? std::chrono::duration_cast<milliseconds>(*options.deadline - Clock::now())
                        : milliseconds::max();
  if (left <= milliseconds(0)) return std::nullopt;
  const auto limit = [&](milliseconds timeout) {
    return left < timeout ? RequestLimit{left, true} : RequestLimit{timeout, false};
  };
  return RequestLimits{limit(options.connect_timeout), limit(options.read_timeout),
                       limit(options.write_timeout), limit(max_time)};
}

// `head_arrived`: the status line and headers had come, so the body was the slow part.
std::string exchange_timeout(const RequestLimit& exchange, bool head_arrived) {
  if (exchange.by_deadline) return "time limit reached while waiting for the response";
  return fmt::format("no {}response within {} ms, the limit of one request (set by [Options] max-time)",
                     head_arrived ? "complete " : "", exchange.value.count());
}

std::string network_error(httplib::Error error, const Url& url, double elapsed, const RequestLimits& limits) {
  const auto endpoint = fmt::format("{}:{}", url.host, url.port);
  // The clock says whether an error came from a timeout: httplib reports a timeout like a closed connection.
  const auto ran_out = [&](const RequestLimit& limit) {
    return elapsed + 50 >= static_cast<double>(limit.value.count());
  };
  switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
      if (!host_resolves(url.host)) return fmt::format("the host `{}` could not be resolved", url.host);
      if (error == httplib::Error::ConnectionTimeout || ran_out(limits.connect)) {
        return limits.connect.by_deadline
                   ? "time limit reached while connecting to " + endpoint
                   : fmt::format("no connection to {} within {} ms", endpoint, limits.connect.value.count());
      }
      return "connection refused by " + endpoint;
    case httplib::Error::Read:
      if (ran_out(limits.read)) {
        return limits.read.by_deadline ? "time limit reached while waiting for the response"
                                       : fmt::format("no response within {} ms", limits.read.value.count());
      }
      return fmt::format("the connection was closed by {} before a complete response", endpoint);
    case httplib::Error::Write:
      return fmt::format("the connection was closed by {} while the request was being sent", endpoint);
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
      return fmt::format("the TLS handshake with {} failed ({})", endpoint, httplib::to_string(error));
    default:
      return fmt::format("the request to {} failed ({})", endpoint, httplib::to_string(error));
  }
}

// Why a 204 response is malformed, or "": RFC 9110 §15.3.5 and §8.6, a 204 ends after its headers, so a
// Content-Length above 0 or a Transfer-Encoding announces a body that a client would take for the start of
// the next response on the connection. (`Content-Length: 0` is tolerated: it announces nothing.)
std::string no_content_problem(const HttpResponse& response) {
  if (response.status != 204) return "";
  if (const auto coding = find_header(response.headers, "Transfer-Encoding"))
    return fmt::format(
        "the 204 response has Transfer-Encoding: {}, but a 204 No Content has no body at all "
        "(RFC 9110 §15.3.5)",
        *coding);
  const auto length = find_header(response.headers, "Content-Length");
  if (!length || length->empty() || length->find_first_not_of('0') == std::string::npos) return "";
  return fmt::format(
      "the 204 response announces a body (Content-Length: {}), but a 204 No Content ends after "
      "its headers (RFC 9110 §15.3.5): a client reads those bytes as the start of the next "
      "response",
      *length);
}

// Why a request to `origin` is not sent: `allowed` holds the server under test first, then the origins
// the exercise declares.
std::string refusal(const std::string& origin, const std::vector<std::string>& allowed) {
  auto text =
      fmt::format("refused to send a request to {}: the checks may only reach the server under test, {}",
                  origin, allowed.empty() ? "" : allowed.front());
  if (allowed.size() > 1)
    text += fmt::format(", and the origins the exercise declares, {}",
                        fmt::join(allowed.begin() + 1, allowed.end(), ", "));
  return text;
}

}  // namespace

HttpClient::HttpClient(const RunOptions& options) : options_(options) {}
HttpClient::~HttpClient() = default;

HttpClient::Origin& HttpClient::origin_for(const Url& url) {
  auto& origin = origins_[url.origin()];
  if (!origin.client) {
    origin.client = std::make_unique<httplib::Client>(url.origin());
    origin.client->set_keep_alive(true);
    // parse_url already encoded what needs it; httplib would also turn '+' into %2B.
    origin.client->set_url_encode(false);
    // The request's head and body leave at once too, whatever the server's ACKs.
    origin.client->set_tcp_nodelay(true);
    origin.client->set_socket_options([&socket = origin.socket](int fd) { socket = fd; });
  }
  return origin;
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request, const RedirectPolicy& redirects,
                                      milliseconds max_time) {
  const auto start = Clock::now();
  HttpRequest current = request;
  HeaderList first_sent;
  for (int followed = 0;; ++followed) {
    auto url = parse_url(current.url);
    if (!url.ok()) return url.error();
    if (const auto& allowed = options_.allowed_origins;
        allowed && std::find(allowed->begin(), allowed->end(), url.value().origin()) == allowed->end()) {
      return failure(refusal(url.value().origin(), *allowed));
    }
    auto response = send_once(url.value(), current, max_time);
    if (!response.ok()) return response.error();
    auto& result = response.value();
    if (followed == 0) first_sent = result.sent_headers;
    const auto location = find_header(result.headers, "Location");
    if (!redirects.follow || !is_redirect(result.status) || !location || location->empty()) {
      result.time_ms = elapsed_ms(start);
      result.sent_headers = std::move(first_sent);
      return std::move(result);
    }
    if (redirects.max_redirects >= 0 && followed + 1 > redirects.max_redirects) {
      return failure(fmt::format("too many redirects: more than {} (set by [Options] max-redirs)",
                                 redirects.max_redirects));
    }
    // What curl does with -L: 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET.
    const bool to_get = (result.status == 303 && current.method != "HEAD") ||
                        ((result.status == 301 || result.status == 302) && current.method == "POST");
    if (to_get) {
      current.method = "GET";
      current.body.clear();
      remove_header(current.headers, "Content-Type");
    }
    const auto next = resolve_reference(url.value(), *location);
    if (auto next_url = parse_url(next);
        !next_url.ok() || next_url.value().origin() != url.value().origin()) {
      remove_header(current.headers, "Authorization");  // credentials stay with their origin, as in curl
    }
    current.url = next;
  }
}

Result<HttpResponse> HttpClient::send_once(const Url& url, const HttpRequest& request,
                                           milliseconds max_time) {
  const auto limits = limits_for(options_, max_time);
  if (!limits) return failure("time limit reached before the request was sent");
  HttpResponse response;
  response.url = url.to_string();
  response.sent_headers = request.headers;
  if (!find_header(request.headers, "User-Agent")) {
    response.sent_headers.emplace_back("User-Agent", "roadwork");
  }
  if (!find_header(request.headers, "Accept")) response.sent_headers.emplace_back("Accept", "*/*");
  std::string cookie;  // [Cookies] first, then the jar's
  for (const auto& [name, value] : request.cookies) {
    if (!cookie.empty()) cookie += "; ";
    cookie.append(name).append("=").append(value);
  }
  if (const auto jar = cookies_.header_for(url, std::time(nullptr)); !jar.empty()) {
    if (!cookie.empty()) cookie += "; ";
    cookie += jar;
  }
  if (!cookie.empty()) response.sent_headers.emplace_back("Cookie", cookie);

  const auto start = Clock::now();
  auto sent = url.scheme == "http" ? send_plain(url, request, *limits, response)
                                   : send_tls(url, request, *limits, response);
  response.time_ms = elapsed_ms(start);
  if (!sent.empty()) return failure(sent);
  if (const auto problem = no_content_problem(response); !problem.empty()) {
    // What the server sent after the head must not be read as the next response.
    auto& origin = origins_[url.origin()];
    if (origin.plain) origin.plain->close();
    if (origin.client) origin.client->stop();
    return failure(problem);
  }
  for (const auto& [name, value] : response.headers) {
    if (same_header_name(name, "Set-Cookie")) {
      if (const auto parsed = parse_set_cookie(value)) cookies_.store(url, *parsed, std::time(nullptr));
    }
  }
  return response;
}

std::string HttpClient::send_plain(const Url& url, const HttpRequest& request, const RequestLimits& limits,
                                   HttpResponse& response) {
  auto& origin = origins_[url.origin()];
  if (!origin.plain) origin.plain = std::make_unique<Http1Connection>(url.host, url.port);
  Http1Exchange exchange;
  // RFC 9112 §3.2: Host first; then the request's fields as they come.
  exchange.head = request.method + " " + url.target + " HTTP/1.1\r\n";
  if (!find_header(response.sent_headers, "Host")) {
    exchange.head += "Host: " + url.host;
    if (url.port != 80) exchange.head += ":" + std::to_string(url.port);
    exchange.head += "\r\n";
  }
  for (const auto& [name, value] : response.sent_headers) {
    // A line break would end the field early and start another (a value captured from a response can
    // carry one); cpp-httplib refused such fields too.
    if (name.find_first_of(std::string_view(":\r\n\0", 4)) != std::string::npos ||
        value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return fmt::format(
          "the request header `{}` holds a line break or NUL, which HTTP does not allow in a field", name);
    }
    exchange.head += name + ": " + value + "\r\n";
  }
  // As cpp-httplib (and curl) do: a body's length, and 0 for a POST, PUT or PATCH without one.
  const bool wants_length = !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
                            request.method == "PATCH";
  if (wants_length && !find_header(response.sent_headers, "Content-Length"))
    exchange.head += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  exchange.head += "\r\n";
  exchange.body = request.body;
  exchange.gate = options_.gate;
  exchange.head_request = request.method == "HEAD";
  exchange.idempotent = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS" ||
                        request.method == "TRACE" || request.method == "PUT" || request.method == "DELETE";
  exchange.max_body_bytes = options_.max_body_bytes;
  exchange.connect_timeout = limits.connect.value;
  exchange.read_timeout = limits.read.value;
  exchange.write_timeout = limits.write.value;
  exchange.deadline = Clock::now() + limits.exchange.value;
  Http1Response got;
  const auto outcome = origin.plain->exchange(exchange, got);
  const auto endpoint = fmt::format("{}:{}", url.host, url.port);
  switch (outcome) {
    case Http1Outcome::Complete:
      break;
    case Http1Outcome::Unresolved:
      return fmt::format("the host `{}` could not be resolved", url.host);
    case Http1Outcome::Refused:
      return "connection refused by " + endpoint;
    case Http1Outcome::ConnectTimeout:
      return limits.connect.by_deadline
                 ? "time limit reached while connecting to " + endpoint
                 : fmt::format("no connection to {} within {} ms", endpoint, limits.connect.value.count());
    case Http1Outcome::SendFailed:
      return fmt::format("the connection was closed by {} while the request was being sent", endpoint);
    case Http1Outcome::ReadTimeout:
      return limits.read.by_deadline ? "time limit reached while waiting for the response"
                                     : fmt::format("no response within {} ms", limits.read.value.count());
    case Http1Outcome::ExchangeTimeout:
      return exchange_timeout(limits.exchange, got.head_arrived);
    case Http1Outcome::ClosedEarly:
      return fmt::format("the connection was closed by {} before a complete response", endpoint);
    case Http1Outcome::Malformed:
      return fmt::format("the response from {} is not valid HTTP/1.1: {}", endpoint, got.problem);
  }
  response.status = got.status;
  response.version = std::move(got.version);
  response.headers = std::move(got.headers);
  response.body = std::move(got.body);
  response.truncated = got.truncated;
  if (const auto codings = find_header(response.headers, "Content-Encoding");
      codings && !response.truncated) {
    if (!decode_content(*codings, response.body, options_.max_body_bytes, response.truncated))
      return fmt::format("the response body from {} is not valid in its Content-Encoding, {}", endpoint,
                         *codings);
  }
  return "";
}

std::string HttpClient::send_tls(const Url& url, const HttpRequest& request, const RequestLimits& limits,
                                 HttpResponse& response) {
  auto& origin = origin_for(url);
  auto& client = *origin.client;
  client.set_connection_timeout(limits.connect.value);
  client.set_read_timeout(limits.read.value);
  client.set_write_timeout(limits.write.value);

  httplib::Request req;
  req.method = request.method;
  req.path = url.target;
  for (const auto& [name, value] : response.sent_headers) req.headers.emplace(name, value);
  if (!request.body.empty()) {
    // A content provider, unlike Request::body, makes httplib send no default `Content-Type: text/plain`;
    // Hurl sends none for raw bodies either.
    req.content_length_ = request.body.size();
    req.content_provider_ = [&body = request.body, &gate = options_.gate](
                                std::size_t offset, std::size_t length, httplib::DataSink& sink) {
      // httplib has sent the request line and headers by now: RunOptions::gate holds the body back.
      if (offset == 0 && gate) gate();
      return sink.write(body.data() + offset, std::min(length, body.size() - offset));
    };
  } else if (options_.gate) {
    options_.gate();
  }
  const auto cap = options_.max_body_bytes;
  req.content_receiver = [&response, cap, &socket = origin.socket](const char* data, std::size_t size,
                                                                   std::uint64_t, std::uint64_t) {
    acknowledge_now(socket);
    const auto room = cap - response.body.size();
    response.body.append(data, std::min(size, room));
    response.truncated = size > room;
    return !response.truncated;  // stop reading: the rest of the body is dropped with the connection
  };

  // RFC 9112 §6.3: a 304 ends at the blank line after its headers. cpp-httplib 0.11 waits for a body unless
  // the status is 204, so stop the exchange once the head has arrived; the connection is dropped with it.
  bool not_modified = false;
  bool head_arrived = false;
  req.response_handler = [&not_modified, &head_arrived,
                          &socket = origin.socket](const httplib::Response& head) {
    acknowledge_now(socket);
    head_arrived = true;
    not_modified = head.status == 304;
    return !not_modified;
  };

  const auto start = Clock::now();
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  watchdog_.arm(client, limits.exchange.value);
  const bool ok = client.send(req, res, error);
  const bool cut = watchdog_.disarm();
  if (cut) return exchange_timeout(limits.exchange, head_arrived);
  if (!ok && !(error == httplib::Error::Canceled && (response.truncated || not_modified))) {
    return network_error(error, url, elapsed_ms(start), limits);
  }
  response.status = res.status;
  response.version = res.version;
  for (const auto& [name, value] : res.headers) response.headers.emplace_back(name, value);
  return "";
}

}  // namespace roadwork::run
