package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.feed.RankingPolicy;
import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.fairness.ExposureReport;
import dev.recsys.ranker.json.Json;

/**
 * {@code GET /v1/admin/fairness}: position-weighted exposure of the feed and search answers served
 * over the ledger's window, per group and per seller (fields in docs/OPERATIONS.md). Needs the admin
 * token.
 */
public final class AdminFairnessEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/fairness";

    private final AdminAuth auth;
    private final ExposureLedger ledger;
    private final RankingPolicy policy;

    public AdminFairnessEndpoint(AdminAuth auth, ExposureLedger ledger, RankingPolicy policy) {
        super(PATH, true, "GET");
        this.auth = auth;
        this.ledger = ledger;
        this.policy = policy;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        auth.check(request);
        return ApiResponse.ok(json(ledger.report()));
    }

    private ObjectNode json(ExposureReport report) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("windowStart", report.windowStart());
        node.put("windowEnd", report.windowEnd());
        node.put("windowSeconds", ledger.config().window().toSeconds());
        node.put("bucketSeconds", ledger.config().bucket().toSeconds());
        node.put("positionWeight", "1/log2(position+1)");
        node.put("protectedGroup", policy.describeProtectedGroup());
        node.put("targetProportion", policy.fairness().targetProportion());
        node.put("rankings", report.rankings());
        node.put("items", report.items());
        node.put("protectedItems", report.protectedItems());
        node.put("exposure", report.exposure());
        node.put("protectedExposure", report.protectedExposure());
        node.put("protectedExposureShare", report.protectedExposureShare());
        node.put("protectedItemShare", report.protectedItemShare());
        node.put("sellers", report.sellers());
        node.put("untrackedSellerShare", report.untrackedSellerShare());
        if (report.largestSeller() == null) {
            node.putNull("largestSeller");
        } else {
            node.put("largestSeller", report.largestSeller());
        }
        node.put("largestSellerShare", report.largestSellerShare());
        ArrayNode top = node.putArray("topSellers");
        for (ExposureReport.SellerExposure seller : report.topSellers()) {
            top.addObject()
                    .put("sellerId", seller.sellerId())
                    .put("exposure", seller.exposure())
                    .put("share", seller.share());
        }
        return node;
    }
}
