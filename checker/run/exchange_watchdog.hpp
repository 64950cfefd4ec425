#pragma once
// Ends an HTTP exchange that outlives its limit (Hurl's max-time). cpp-httplib's own timeouts bound each
// read and write, so without it a response that trickles in a byte a second would never end.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace httplib {
class Client;
}

namespace roadwork::run {

/// One thread for the life of an HttpClient, armed for each exchange: a thread per request would cost more
/// than a request to a local server. When the armed limit passes, it shuts the exchange's socket down from
/// its thread (cpp-httplib's Client::stop is made for that). Not copyable; arm and disarm come from one
/// thread at a time.
class ExchangeWatchdog {
 public:
  ExchangeWatchdog();
  ~ExchangeWatchdog();
  ExchangeWatchdog(const ExchangeWatchdog&) = delete;
  ExchangeWatchdog& operator=(const ExchangeWatchdog&) = delete;

  /// Watches `client`'s next exchange: stops it once `limit` has passed, unless disarm() came first.
  void arm(httplib::Client& client, std::chrono::milliseconds limit);
  /// Stops watching; true when the limit had passed and the exchange was cut.
  bool disarm();

 private:
  void watch();

  std::mutex mutex_;
  std::condition_variable changed_;
  httplib::Client* client_ = nullptr;  ///< the armed exchange's client; null while disarmed
  std::chrono::steady_clock::time_point end_;
  bool fired_ = false;
  bool quit_ = false;
  std::thread thread_;  // last: it starts once the members it uses exist
};

}  // namespace roadwork::run
