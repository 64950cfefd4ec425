#pragma once
// Sends requests over kept-alive connections, one per origin (http:// through Http1Connection, https://
// through cpp-httplib), and follows redirects on request.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "checker/run/cookies.hpp"
#include "checker/run/exchange_watchdog.hpp"
#include "checker/run/headers.hpp"
#include "checker/run/result.hpp"
#include "checker/run/runner.hpp"

namespace httplib {
class Client;
}

namespace roadwork::run {

/// A request ready to send. `headers` are the ones the check asked for (and the Content-Type of its body);
/// the client adds `User-Agent: roadwork` and `Accept: */*` when absent, as Hurl adds its own, and a
/// `Cookie` header made of `cookies` and the jar's matching cookies.
struct HttpRequest {
  std::string method;
  std::string url;  ///< absolute, with the query string
  HeaderList headers;
  HeaderList cookies;  ///< [Cookies] of the entry, sent before the jar's
  std::string body;
};

/// The response to a request (the last one, when redirects were followed).
struct HttpResponse {
  int status = 0;
  std::string version;  ///< e.g. "HTTP/1.1"
  HeaderList headers;   ///< in the order sent (https://: sorted by name, as cpp-httplib keeps a map)
  std::string body;     ///< decoded from Content-Encoding, at most RunOptions::max_body_bytes
  bool truncated = false;
  double time_ms = 0;       ///< from sending the first request to the end of the last response
  std::string url;          ///< the URL of the last request (after redirects)
  HeaderList sent_headers;  ///< what the first request carried, Cookie and User-Agent included (no Host)
};

/// A timeout, and whether the run's deadline cut it short (then a message names the run's limit).
struct RequestLimit {
  std::chrono::milliseconds value;
  bool by_deadline = false;
};

/// The limits of one request: connecting, each read and write, and the whole exchange (Hurl's max-time).
struct RequestLimits {
  RequestLimit connect;
  RequestLimit read;
  RequestLimit write;
  RequestLimit exchange;
};

class Http1Connection;

/// One client per file run: connections are kept alive between entries that target the same origin
/// (scheme://host:port), and cookies set by responses are kept and sent back, as Hurl does for one file.
/// Not thread-safe; each concurrent run uses its own.
class HttpClient {
 public:
  explicit HttpClient(const RunOptions& options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends `request`; each request (each redirect followed is one) must be answered in full within
  /// `max_time` (Hurl's max-time, as curl's --max-time), or it fails with "no complete response within
  /// 5000 ms …" however steadily the bytes trickle in. Errors say what went wrong at the network level, for
  /// people: "connection refused by 127.0.0.1:41234", "no response within 5000 ms", "the connection was
  /// closed by … before a complete response", "too many redirects", "time limit reached". A response over
  /// the body limit is not an error: it comes back with `truncated` set.
  Result<HttpResponse> send(const HttpRequest& request, const RedirectPolicy& redirects,
                            std::chrono::milliseconds max_time);

 private:
  /// A kept-alive connection to one origin: `plain` for http://; for https://, `client` and its descriptor
  /// `socket` once connected (-1 before).
  struct Origin {
    std::unique_ptr<Http1Connection> plain;
    std::unique_ptr<httplib::Client> client;
    int socket = -1;
  };

  Origin& origin_for(const Url& url);
  Result<HttpResponse> send_once(const Url& url, const HttpRequest& request,
                                 std::chrono::milliseconds max_time);
  /// The exchange of an http:// request, filling in `response`; why it failed, or "".
  std::string send_plain(const Url& url, const HttpRequest& request, const RequestLimits& limits,
                         HttpResponse& response);
  /// The same for https://, through cpp-httplib with OpenSSL.
  std::string send_tls(const Url& url, const HttpRequest& request, const RequestLimits& limits,
                       HttpResponse& response);

  RunOptions options_;
  std::map<std::string, Origin> origins_;  ///< by origin; map nodes stay put, so `socket` can be written to
  CookieJar cookies_;
  ExchangeWatchdog watchdog_;  // last: destroyed first, while the clients it may stop still exist
};

}  // namespace roadwork::run
