#pragma once
// Name resolution, to tell a host that does not resolve from a port nobody listens on (cpp-httplib reports
// both as a connection error).

#include <string>

namespace roadwork::run {

/// Whether `host` (a name, an IPv4 address, or an IPv6 address in brackets) resolves to an address.
bool host_resolves(const std::string& host);

}  // namespace roadwork::run
