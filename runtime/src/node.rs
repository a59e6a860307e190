//! A position in the URL tree from which requests are made.

use reqwest::Method;

use crate::body::ResponseBody;
use crate::client::Client;
use crate::path::ResourcePath;
use crate::request::Request;
use crate::template::Piece;

/// A position in the URL tree: a client plus the path walked so far.
///
/// Each step returns a new node, so a node can be reused to reach several
/// children.
#[derive(Debug, Clone)]
pub struct Node<'c> {
    client: &'c Client,
    path: ResourcePath,
}

impl<'c> Node<'c> {
    /// The root of an API version, e.g. `Node::root(&client, "v1.0")`.
    pub fn root(client: &'c Client, version: &'static str) -> Node<'c> {
        Node {
            client,
            path: ResourcePath::new(version),
        }
    }

    /// The child reached through a documented segment.
    pub fn literal(&self, segment: &'static str) -> Node<'c> {
        Node {
            client: self.client,
            path: self.path.clone().literal(segment),
        }
    }

    /// The child reached through a caller-supplied value, kept as exactly one
    /// segment.
    pub fn value(&self, value: impl Into<String>) -> Node<'c> {
        Node {
            client: self.client,
            path: self.path.clone().value(value.into()),
        }
    }

    /// The child reached through a template segment (a function call, an alternate key, an
    /// item path) whose values are encoded as its pieces say.
    pub fn template(&self, pieces: Vec<Piece>) -> Node<'c> {
        Node {
            client: self.client,
            path: self.path.clone().template(pieces),
        }
    }

    /// Starts a request with `method` on this node's path.
    pub fn request<R: ResponseBody>(&self, method: Method) -> Request<'c, R> {
        Request::new(self.client, self.path.clone(), method)
    }

    /// The client this node sends requests with.
    pub fn client(&self) -> &'c Client {
        self.client
    }

    /// The path walked so far.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::StaticToken;

    #[test]
    fn steps_build_new_nodes() {
        let client = Client::new(StaticToken::new("t"));
        let user = Node::root(&client, "beta").literal("users").value("u/1");
        let contacts = user.literal("contacts");
        let manager = user.literal("manager");
        assert_eq!(user.path().render().unwrap(), "/beta/users/u%2F1");
        assert_eq!(
            contacts.path().render().unwrap(),
            "/beta/users/u%2F1/contacts"
        );
        assert_eq!(
            manager.path().render().unwrap(),
            "/beta/users/u%2F1/manager"
        );
        assert!(std::ptr::eq(manager.client(), &client));
    }
}
