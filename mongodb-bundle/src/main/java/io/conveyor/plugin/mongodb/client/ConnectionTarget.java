package io.conveyor.plugin.mongodb.client;

import com.mongodb.ConnectionString;
import java.util.List;

/**
 * Where a stage connects: the parsed connection string and how long to wait for a server.
 *
 * @param connectionString the parsed connection string (may hold credentials: never print it)
 * @param serverSelectionTimeoutMs how long an operation waits for a reachable server
 */
public record ConnectionTarget(ConnectionString connectionString, long serverSelectionTimeoutMs) {
    /** @return the hosts as {@code host:port}, comma separated, without credentials */
    public String hosts() {
        List<String> hosts = connectionString.getHosts();
        StringBuilder sb = new StringBuilder();
        for (String h : hosts) {
            boolean portKnown = h.indexOf(':') >= 0 || connectionString.isSrvProtocol() || h.endsWith(".sock");
            sb.append(sb.length() == 0 ? "" : ",").append(portKnown ? h : h + ":27017");
        }
        return sb.toString();
    }
}
