//! Tests of the app crate that need no window: the generated bindings and the IPC error shape.

mod bindings {
    use std::path::Path;

    /// Fails when `ui/src/bindings.ts` no longer matches the commands and events.
    /// Regenerate with `UPDATE_BINDINGS=1 cargo test -p partner-advisor-app --test app bindings`.
    #[test]
    fn bindings_are_fresh() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let tmp = tempfile::tempdir().expect("tempdir");
        let generated_path = tmp.path().join("bindings.ts");
        partner_advisor_app::commands::specta_builder()
            .export(
                specta_typescript::Typescript::default().header("// @ts-nocheck"),
                &generated_path,
            )
            .expect("export bindings");
        let generated = std::fs::read_to_string(&generated_path).expect("read generated");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed, &generated).expect("write bindings");
            return;
        }
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == generated,
            "ui/src/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p partner-advisor-app --test app bindings"
        );
    }
}

mod errors {
    use partner_advisor_app::error::IpcError;
    use partner_advisor_engine::EngineError;
    use partner_advisor_store::StoreError;

    #[test]
    fn errors_reach_the_ui_as_code_message_and_details() {
        let e: IpcError = EngineError::Store(StoreError::NotAWorkspace {
            path: "/tmp/somewhere".into(),
            reason: "it has no workspace.json".into(),
        })
        .into();
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(json["code"], "notAWorkspace");
        assert_eq!(json["details"], "/tmp/somewhere");
        assert!(json["message"]
            .as_str()
            .is_some_and(|m| m.contains("no workspace.json")));
        let e: IpcError = EngineError::Store(StoreError::PassphraseRequired).into();
        assert_eq!(
            serde_json::to_value(&e).expect("json")["code"],
            "passphraseRequired"
        );
    }
}
