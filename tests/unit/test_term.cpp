// Terminal output: the colour decision, the width fallbacks, the spinner. A pipe stands for "not a
// terminal"; a pseudo-terminal, when the system has one to give, stands for a terminal.

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "app/term/report_style.hpp"
#include "app/term/spinner.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"

using namespace roadwork;
using namespace std::chrono_literals;

namespace {

// Sets (or, with nullptr, unsets) an environment variable for one scope, then puts back what was there.
class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~EnvVar() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    ::close(read);
    ::close(write);
  }
};

// A pseudo-terminal pair; `ok` is false where the system has none, which fails the test: roadwork's
// terminal behaviour is tested on a real one, as its integration tests do.
struct Pty {
  int master = -1, slave = -1;
  bool ok = false;
  Pty() {
    master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) return;
    slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    ok = slave >= 0;
  }
  ~Pty() {
    if (slave >= 0) ::close(slave);
    if (master >= 0) ::close(master);
  }
};

// Everything readable on `fd` within `wait` of the last byte.
std::string drain(int fd, std::chrono::milliseconds wait) {
  std::string text;
  pollfd poll_fd{fd, POLLIN, 0};
  while (::poll(&poll_fd, 1, static_cast<int>(wait.count())) == 1 && (poll_fd.revents & POLLIN)) {
    char buffer[4096];
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace

TEST_CASE("style: colour on wraps text in SGR codes; off leaves it alone") {
  const term::Style on(true), off(false);
  CHECK(on.pass("ok") == "\x1b[32mok\x1b[39m");
  CHECK(on.fail("x") == "\x1b[31mx\x1b[39m");
  CHECK(on.warn("x") == "\x1b[33mx\x1b[39m");
  CHECK(on.dim("x") == "\x1b[2mx\x1b[22m");
  CHECK(on.bold("x") == "\x1b[1mx\x1b[22m");
  CHECK(on.code("x") == "\x1b[36mx\x1b[39m");
  CHECK(off.pass("ok") == "ok");
  CHECK(off.bold("x") == "x");
}

TEST_CASE("style: never colour a pipe, with or without NO_COLOR") {
  Pipe pipe;
  const EnvVar term("TERM", "xterm-256color");
  {
    const EnvVar no_color("NO_COLOR", nullptr);
    CHECK_FALSE(term::Style::for_fd(pipe.write).colour());
  }
  {
    const EnvVar no_color("NO_COLOR", "1");
    CHECK_FALSE(term::Style::for_fd(pipe.write).colour());
  }
}

TEST_CASE("style: on a terminal, NO_COLOR (non-empty) and TERM=dumb turn colour off") {
  Pty pty;
  REQUIRE_MESSAGE(pty.ok, "no pseudo-terminal: the integration tests need one too");
  const EnvVar term("TERM", "xterm-256color");
  {
    const EnvVar no_color("NO_COLOR", nullptr);
    CHECK(term::Style::for_fd(pty.slave).colour());
  }
  {
    const EnvVar no_color("NO_COLOR", "");  // no-color.org: only a non-empty value counts
    CHECK(term::Style::for_fd(pty.slave).colour());
  }
  {
    const EnvVar no_color("NO_COLOR", "1");
    CHECK_FALSE(term::Style::for_fd(pty.slave).colour());
  }
  {
    const EnvVar no_color("NO_COLOR", nullptr);
    const EnvVar dumb("TERM", "dumb");
    CHECK_FALSE(term::Style::for_fd(pty.slave).colour());
  }
}

TEST_CASE("terminal_width: COLUMNS, then 80, when the stream is not a terminal") {
  Pipe pipe;
  {
    const EnvVar columns("COLUMNS", "123");
    CHECK(term::terminal_width(pipe.write) == 123);
  }
  for (const char* bad : {"abc", "0", "-5", "12x", ""}) {
    const EnvVar columns("COLUMNS", bad);
    CHECK(term::terminal_width(pipe.write) == 80);
  }
  const EnvVar columns("COLUMNS", nullptr);
  CHECK(term::terminal_width(pipe.write) == 80);
}

TEST_CASE("terminal_width: a terminal's own size wins over COLUMNS") {
  Pty pty;
  REQUIRE_MESSAGE(pty.ok, "no pseudo-terminal: the integration tests need one too");
  winsize size{};
  size.ws_col = 100;
  size.ws_row = 30;
  REQUIRE(::ioctl(pty.master, TIOCSWINSZ, &size) == 0);
  const EnvVar columns("COLUMNS", "123");
  CHECK(term::terminal_width(pty.slave) == 100);
}

TEST_CASE("spinner: writes nothing when the stream is not a terminal") {
  Pipe pipe;
  {
    term::Spinner spinner("starting server", pipe.write);
    std::this_thread::sleep_for(250ms);
  }
  CHECK(drain(pipe.read, 0ms) == "");
}

TEST_CASE("spinner: redraws its line on a terminal and erases it when stopped") {
  Pty pty;
  REQUIRE_MESSAGE(pty.ok, "no pseudo-terminal: the integration tests need one too");
  const EnvVar term("TERM", "xterm-256color");
  term::Spinner spinner("starting server", pty.slave);
  std::this_thread::sleep_for(500ms);
  spinner.set_label("GET /health");
  std::this_thread::sleep_for(300ms);
  spinner.stop();
  spinner.stop();  // a second stop writes nothing more
  const auto text = drain(pty.master, 100ms);
  CHECK(text.find("\r\x1b[K⠋ starting server…") == 0);
  CHECK(text.find("\r\x1b[K⠙ starting server…") != std::string::npos);
  CHECK(text.find(" GET /health…") != std::string::npos);
  CHECK(text.ends_with("GET /health…\r\x1b[K"));
  CHECK(text.find("\r\x1b[K\r\x1b[K") == std::string::npos);
}

TEST_CASE("spinner: a task quicker than the first frame shows nothing") {
  Pty pty;
  REQUIRE_MESSAGE(pty.ok, "no pseudo-terminal: the integration tests need one too");
  const EnvVar term("TERM", "xterm-256color");
  { term::Spinner spinner("quick", pty.slave); }
  CHECK(drain(pty.master, 50ms) == "");
}

TEST_CASE("text_style: paints with the style's colours, or not at all") {
  const auto plain = term::text_style(term::Style(false), 70);
  CHECK(plain.width == 70);
  CHECK_FALSE(plain.pass);
  CHECK_FALSE(plain.code);
  const auto coloured = term::text_style(term::Style(true), 70);
  REQUIRE(coloured.pass);
  CHECK(coloured.pass("✓") == term::Style(true).pass("✓"));
  CHECK(coloured.code("curl") == "\x1b[36mcurl\x1b[39m");
}
