#include <netdb.h>

#include "checker/run/host_lookup.hpp"

namespace roadwork::run {

bool host_resolves(const std::string& host) {
  addrinfo* found = nullptr;
  const auto bare = host.starts_with('[') ? host.substr(1, host.size() - 2) : host;
  const bool ok = getaddrinfo(bare.c_str(), nullptr, nullptr, &found) == 0;
  if (found != nullptr) freeaddrinfo(found);
  return ok;
}

}  // namespace roadwork::run
