package org.xcaibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.dicomweb.CorsSettings;
import org.xcaibridge.dicomweb.DicomWebFront;
import org.xcaibridge.dicomweb.DicomWebSettings;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.CommunityProfile;
import org.xcaibridge.studies.StudyLocator;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.StudySettings;

/**
 * A whole bridge for the benches, in one Vert.x on loopback: a community client to the responder, an empty instance
 * store and study locator in a folder of their own, the study core and the DICOMweb front.
 */
final class BenchBridge implements AutoCloseable {
  final CommunityClient client;
  final InstanceStore store;
  final StudyLocator locator;
  final StudyService service;
  final HttpServer front;
  final String base;

  private BenchBridge(CommunityClient client, InstanceStore store, StudyLocator locator, StudyService service,
      HttpServer front, String base) {
    this.client = client;
    this.store = store;
    this.locator = locator;
    this.service = service;
    this.front = front;
    this.base = base;
  }

  static BenchBridge start(Vertx vertx, String responder, Path cache) throws Exception {
    CommunityClient client = CommunityClient.create(vertx, CommunityEndpoints.of(BenchResponder.ID.homeCommunityId(), "Bench",
        URI.create(responder + RespondingGateway.ITI55_PATH), URI.create(responder + RespondingGateway.ITI38_PATH),
        URI.create(responder + RespondingGateway.ITI39_PATH), URI.create(responder + RespondingGateway.RAD75_PATH)),
        CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(10_000), InitiatorSetup.demo());
    InstanceStore store = BridgeRetrievalBench.await(InstanceStore.open(vertx, CacheSettings.of(cache.resolve("cache"), 4L << 30)));
    StudyLocator locator = BridgeRetrievalBench.await(StudyLocator.open(vertx, cache.resolve("locator"), 1000));
    StudyService service = StudyService.create(vertx, CommunityDirectory.of(List.of(client)),
        List.of(CommunityProfile.ofDomain(BenchResponder.ID.homeCommunityId(), BenchResponder.ID.assigningAuthorityOid())), store, locator,
        StudySettings.DEFAULT.withPrefetchConcurrency(0));
    AtomicReference<Router> router = new AtomicReference<>();
    HttpServer front = BridgeRetrievalBench.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> router.get().handle(req)).listen());
    String base = "http://127.0.0.1:" + front.actualPort() + "/dicomweb";
    router.set(DicomWebFront.create(vertx, service, DicomWebSettings.of(base, CorsSettings.NONE)));
    return new BenchBridge(client, store, locator, service, front, base);
  }

  void search(String patient) throws Exception {
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(base + "/studies?PatientID=" + patient)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("the study search answered " + r.statusCode() + ": " + r.body());
    }
  }

  @Override
  public void close() throws Exception {
    BridgeRetrievalBench.await(front.close());
    BridgeRetrievalBench.await(service.close());
    BridgeRetrievalBench.await(locator.close());
    BridgeRetrievalBench.await(store.close());
    BridgeRetrievalBench.await(client.close());
  }
}
