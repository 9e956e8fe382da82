// The ceiling for catalog reads: bare Kestrel answering the same product JSON from memory, no middleware. It is also
// the webhook receiver of the pipeline scenarios: POST /hooks answers 204 at once.
// Its own folder as content root: the default, the working directory, is the repository, and watching it for changes
// to appsettings.json meant an inotify event for every file the databases write under bench/.work during the runs.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
var app = builder.Build();
var product = """{"id":1,"name":"Benchmark product 1","description":"Seeded for the benchmark","price":19.99,"stock":1000000,"created_at":"2026-11-24T16:00:00.000000Z","updated_at":"2026-11-24T16:00:00.000000Z"}"""u8.ToArray();
app.MapGet("/products/{id}", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    return context.Response.Body.WriteAsync(product).AsTask();
});
app.MapPost("/hooks", () => Results.NoContent());
app.Run();
