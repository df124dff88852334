namespace ImapConcentrator.Web.Metrics;

internal static class MetricsEndpoint
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services) =>
        services.AddMetrics().AddSingleton<PrometheusExporter>();

    /// <summary><c>GET /metrics</c>: Prometheus text format. Only counts and timings, no mail data, so it needs no key.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        // Resolve now, so the listener sees every instrument from the start.
        var exporter = app.ServiceProvider.GetRequiredService<PrometheusExporter>();
        app.MapGet("/metrics", () => Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }
}
