// The server runner_rps.py measures clients against: GET /ping answers 200 "pong", over connections kept
// alive for as long as the client wants. A cpp-httplib server in C++, so that the figures show what each
// client costs rather than how slow a Python server is.
//   runner_rps_server PORT    prints "listening on PORT" once it accepts connections
// (PORT 0 picks a free port), and serves until killed.

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <limits>

int main(int argc, char** argv) {
  httplib::Server server;
  // cpp-httplib closes a kept-alive connection after 5 requests by default; the benchmark wants one
  // connection for the whole run.
  server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  // Headers and body go out in separate writes; without TCP_NODELAY the second can wait for a delayed ACK.
  server.set_tcp_nodelay(true);
  server.Get("/ping", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("pong", "text/plain");
  });
  const int requested = argc > 1 ? std::atoi(argv[1]) : 0;
  const int port = requested > 0 ? (server.bind_to_port("127.0.0.1", requested) ? requested : -1)
                                 : server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::fprintf(stderr, "runner_rps_server: cannot listen on 127.0.0.1:%d\n", requested);
    return 1;
  }
  std::printf("listening on %d\n", port);
  std::fflush(stdout);
  return server.listen_after_bind() ? 0 : 1;
}
