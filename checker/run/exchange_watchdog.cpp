#include "checker/run/exchange_watchdog.hpp"

#include <httplib.h>

namespace roadwork::run {

ExchangeWatchdog::ExchangeWatchdog() : thread_([this] { watch(); }) {}

ExchangeWatchdog::~ExchangeWatchdog() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  changed_.notify_one();
  thread_.join();
}

void ExchangeWatchdog::arm(httplib::Client& client, std::chrono::milliseconds limit) {
  {
    std::lock_guard lock(mutex_);
    client_ = &client;
    end_ = std::chrono::steady_clock::now() + limit;
    fired_ = false;
  }
  changed_.notify_one();
}

bool ExchangeWatchdog::disarm() {
  // Under the lock: once it is taken, a stop() in progress has finished and no later one can start.
  std::lock_guard lock(mutex_);
  client_ = nullptr;
  return fired_;
}

void ExchangeWatchdog::watch() {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    if (!client_) {
      changed_.wait(lock);
      continue;
    }
    // Woken early by disarm, a new arm or quit: look again. Otherwise the armed exchange ran out of time.
    if (changed_.wait_until(lock, end_) == std::cv_status::no_timeout) continue;
    if (client_ && std::chrono::steady_clock::now() >= end_) {
      fired_ = true;
      client_->stop();
      client_ = nullptr;
    }
  }
}

}  // namespace roadwork::run
