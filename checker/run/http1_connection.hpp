#pragma once
// One kept-alive HTTP/1.1 connection over plain TCP (RFC 9112), driven with blocking socket calls whose
// timeouts the kernel keeps (SO_RCVTIMEO, SO_SNDTIMEO): a request to a local server then costs one send
// and a receive or two, where a general-purpose client polls before each of them (tests/bench/runner_rps.py
// measures the difference). HttpClient sends http:// requests through it; https:// goes through cpp-httplib.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "checker/run/headers.hpp"

namespace roadwork::run {

/// One request to send, and how long each part may take.
struct Http1Exchange {
  std::string head;            ///< the request line, the header lines and the blank line, CRLF-terminated
  std::string_view body;       ///< sent after the head (Content-Length is in the head)
  std::function<void()> gate;  ///< called between the head and the body (RunOptions::gate); may be empty
  bool head_request = false;   ///< HEAD: the response has no body, whatever its headers say
  /// The method is idempotent (RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE), so the request may
  /// be sent again when a kept-alive connection turns out closed.
  bool idempotent = false;
  std::size_t max_body_bytes = 0;  ///< the body is read at most this far (bytes); the rest is dropped
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds read_timeout{0};       ///< each read (a server that says nothing for this long)
  std::chrono::milliseconds write_timeout{0};      ///< each write
  std::chrono::steady_clock::time_point deadline;  ///< the whole exchange, connecting included (max-time)
};

/// How an exchange ended.
enum class Http1Outcome {
  Complete,         ///< a whole response (or its head and as much body as max_body_bytes allows)
  Unresolved,       ///< the host name does not resolve
  Refused,          ///< nobody listens there
  ConnectTimeout,   ///< no connection within connect_timeout or by the deadline
  SendFailed,       ///< the connection broke, or stalled for write_timeout, while the request was sent
  ReadTimeout,      ///< the server sent nothing for read_timeout
  ExchangeTimeout,  ///< the deadline passed before the response was complete
  ClosedEarly,      ///< the connection closed before the response was complete
  Malformed,        ///< what came back is not an HTTP/1.x response (`problem` says why)
};

/// A response as it came: the head's fields in the order sent; the body without its transfer coding
/// (chunked) but with its content coding (gzip, …).
struct Http1Response {
  int status = 0;
  std::string version;  ///< e.g. "HTTP/1.1"
  HeaderList headers;
  std::string body;
  bool truncated = false;     ///< the body was longer than max_body_bytes
  bool head_arrived = false;  ///< the status line and headers came (for a timeout's message)
  std::string problem;        ///< with Http1Outcome::Malformed: what is wrong, e.g. "no status line"
};

/// A connection to one origin (host and port), opened on the first exchange and again after it was closed;
/// closed after a response that ends the connection (`Connection: close`, HTTP/1.0 without
/// keep-alive, a body delimited by the close, a body cut at the limit). Not copyable, not thread-safe.
class Http1Connection {
 public:
  Http1Connection(std::string host, int port);
  ~Http1Connection();
  Http1Connection(const Http1Connection&) = delete;
  Http1Connection& operator=(const Http1Connection&) = delete;

  /// Sends `exchange` and reads its response into `response`; an interim 1xx response (RFC 9110 §15.2) is
  /// skipped. A connection kept from an earlier exchange that the server has closed is replaced: before
  /// the request is sent, or, for an idempotent one, when no byte of a response comes back.
  Http1Outcome exchange(const Http1Exchange& exchange, Http1Response& response);

  /// Closes the connection, e.g. when what follows a response must not be read as the next one.
  void close();

 private:
  Http1Outcome connect(const Http1Exchange& exchange);
  /// Whether the open connection is neither closed by the server nor holding bytes nobody asked for.
  bool still_open();
  /// One try of the exchange, on the open connection or a new one; closes the connection when it fails.
  Http1Outcome send_and_read(const Http1Exchange& exchange, Http1Response& response);
  Http1Outcome send_all(std::string_view data, const Http1Exchange& exchange);
  Http1Outcome read_more(const Http1Exchange& exchange, bool head_arrived);
  Http1Outcome read_head(const Http1Exchange& exchange, Http1Response& response);
  Http1Outcome read_body(const Http1Exchange& exchange, Http1Response& response);
  Http1Outcome read_chunked(const Http1Exchange& exchange, Http1Response& response);
  Http1Outcome read_line(const Http1Exchange& exchange, Http1Response& response, std::string& line);
  bool append_body(std::string_view data, const Http1Exchange& exchange, Http1Response& response);
  void set_receive_timeout(std::chrono::milliseconds timeout);

  std::string host_;
  int port_;
  int fd_ = -1;
  std::string buffer_;                             ///< bytes received and not yet parsed
  bool received_ = false;                          ///< a byte of the current try's response has come
  std::chrono::milliseconds receive_timeout_{-1};  ///< SO_RCVTIMEO as last set
  std::chrono::milliseconds send_timeout_{-1};     ///< SO_SNDTIMEO as last set
};

}  // namespace roadwork::run
