//! The build-time client against a local server: two pages of contacts.

use docgen_build_example::contact_names;
use docgen_runtime::{Client, StaticToken};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn names_come_from_every_page() {
    let server = MockServer::start().await;
    let second = format!(
        "{}/v1.0/users/ada@contoso.com/contacts?page=2",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/v1.0/users/ada@contoso.com/contacts"))
        .and(query_param("$select", "displayName"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"displayName": "Grace"}, {"displayName": "Alan"}],
            "@odata.nextLink": second,
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/ada@contoso.com/contacts"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"displayName": "Edsger"}],
        })))
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new("token"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("client");
    let names = contact_names(&client, "ada@contoso.com")
        .await
        .expect("listed");
    assert_eq!(names, ["Grace", "Alan", "Edsger"]);
}

#[test]
fn only_the_asked_for_version_and_area_are_generated() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/graph.rs"));
    assert!(generated.contains("pub mod v1_0"));
    assert!(!generated.contains("pub mod beta"));
    assert!(!generated.contains("#[cfg(feature"));
}
