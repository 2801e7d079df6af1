package io.flotilla.node;

import io.flotilla.node.api.ApiGate;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** The management API's services and the gate in front of them, registered together. */
record ManagementApi(ApiGate gate, List<HttpService> services) {
}
