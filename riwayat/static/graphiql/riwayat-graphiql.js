// Riwayat's GraphiQL page: the vendored GraphiQL with its explorer, and a bearer token kept in this
// browser's localStorage (prefilled by a development server), so the schema loads without a 401.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("riwayat-graphiql-config").textContent);
  var KEY = "riwayat.graphiql.token";
  var field = document.getElementById("riwayat-token");
  var note = document.getElementById("riwayat-token-note");

  function clean(value) {
    return (value || "").trim().replace(/^bearer\s+/i, "");
  }
  function current() {
    return clean(window.localStorage.getItem(KEY)) || clean(config.devToken);
  }
  field.value = current();
  if (!window.localStorage.getItem(KEY) && config.devToken) {
    note.textContent = config.devTokenNote || "";
  } else if (!field.value) {
    note.textContent = "no token: paste one (riwayat token --tenant SLUG --role ROLE)";
  }
  function apply() {
    var value = clean(field.value);
    if (value) {
      window.localStorage.setItem(KEY, value);
    } else {
      window.localStorage.removeItem(KEY);
    }
    window.location.reload(); // fetch the schema again with the new token
  }
  document.getElementById("riwayat-apply").addEventListener("click", apply);
  field.addEventListener("keydown", function (event) {
    if (event.key === "Enter") apply();
  });

  function hasAuthorization(headers) {
    return Object.keys(headers).some(function (name) {
      return name.toLowerCase() === "authorization";
    });
  }
  var fetcher = GraphiQL.createFetcher({
    url: config.endpoint,
    fetch: function (url, init) {
      var headers = Object.assign({}, (init && init.headers) || {});
      var token = current();
      if (token && !hasAuthorization(headers)) headers.Authorization = "Bearer " + token;
      return window.fetch(url, Object.assign({}, init, { headers: headers }));
    },
  });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      defaultQuery: config.defaultQuery,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      inputValueDeprecation: true,
    })
  );
})();
