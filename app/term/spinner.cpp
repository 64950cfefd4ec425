#include "app/term/spinner.hpp"

#include <array>
#include <string_view>

#include "app/term/terminal.hpp"

namespace roadwork::term {

namespace {

using namespace std::chrono_literals;

// The braille "dots" spinner of cli-spinners (sindresorhus), one frame per tick.
constexpr std::array<std::string_view, 10> kFrames = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr auto kFirstFrameDelay = 100ms;
constexpr auto kFrameInterval = 100ms;
// '\r' to the line's start, then erase to its end (ECMA-48 EL): also clears a longer previous label.
constexpr std::string_view kEraseLine = "\r\x1b[K";

// The first `columns` code points of `text`: a line that wrapped could no longer be redrawn with '\r'.
std::string_view cut_to(std::string_view text, int columns) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && columns-- == 0) return text.substr(0, i);
  }
  return text;
}

}  // namespace

Spinner::Spinner(std::string label, int fd) : fd_(fd), label_(std::move(label)) {
  if (understands_escapes(fd_)) thread_ = std::jthread([this](const std::stop_token& stop) { spin(stop); });
}

Spinner::~Spinner() { stop(); }

void Spinner::set_label(std::string label) {
  const std::lock_guard lock(mutex_);
  label_ = std::move(label);
}

void Spinner::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
  if (drawn_) write_all(fd_, kEraseLine);
}

void Spinner::spin(const std::stop_token& stop) {
  const auto never = [] { return false; };  // wake only on timeout or stop
  std::unique_lock lock(mutex_);
  tick_.wait_for(lock, stop, kFirstFrameDelay, never);
  for (std::size_t frame = 0; !stop.stop_requested(); ++frame) {
    draw(frame);
    tick_.wait_for(lock, stop, kFrameInterval, never);
  }
}

void Spinner::draw(std::size_t frame) {
  // The frame, a space and the "…" take 3 columns; one more keeps the cursor off the last column, where
  // some terminals wrap early.
  const auto columns = terminal_width(fd_) - 4;
  const auto line = std::string(kEraseLine) + std::string(kFrames[frame % kFrames.size()]) + " " +
                    std::string(cut_to(label_, columns > 0 ? columns : 0)) + "…";
  write_all(fd_, line);
  drawn_ = true;
}

}  // namespace roadwork::term
