//! Integration tests of the encrypted workspace on real SQLCipher files and the real OS keychain
//! (Secret Service under `dbus-run-session` with an unlocked gnome-keyring, as the README's test
//! command sets up).

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{Customer, Partner, SnapshotSource};
use partner_advisor_store::manifest::{Manifest, DATABASE_FILE, MANIFEST_FILE};
use partner_advisor_store::tables::{customers, partner, snapshots};
use partner_advisor_store::{
    CreateOptions, KeySource, Keychain, SecretStore, StoreError, Workspace,
};
use zeroize::Zeroizing;

const CUSTOMER_NAME: &str = "Zakład Stolarski Wiśniewski Sp. z o.o.";

fn test_keychain() -> Keychain {
    Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4()))
}

fn passphrase(text: &str) -> KeySource {
    KeySource::Passphrase(Zeroizing::new(text.to_owned()))
}

async fn create_with_one_customer(
    dir: &Path,
    key: KeySource,
    secrets: &dyn SecretStore,
) -> Workspace {
    let ws = Workspace::create(
        dir,
        CreateOptions {
            name: "Test".into(),
            key,
            is_demo: false,
        },
        secrets,
    )
    .await
    .expect("create workspace");
    let mut tx = ws.begin().await.expect("begin");
    partner::upsert(
        &mut tx,
        &Partner {
            global_id: "4321987".into(),
            name: "Contoso Partner".into(),
        },
    )
    .await
    .expect("partner");
    let snapshot = snapshots::insert(
        &mut tx,
        NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"),
        SnapshotSource::Import,
        Some("customers.csv"),
        Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0)
            .single()
            .expect("time"),
    )
    .await
    .expect("snapshot");
    customers::insert_many(
        &mut tx,
        snapshot,
        &[Customer {
            tenant_id: "0f5e7d3a-1111-4c1e-9a44-000000000001".into(),
            name: CUSTOMER_NAME.into(),
            primary_domain: "stolarstwo-wisniewski.pl".into(),
            tpid: None,
            employees: 42,
            city: "Kraków".into(),
            state: None,
            postal_code: Some("30-001".into()),
            country: "PL".into(),
            industry: "Manufacturing".into(),
            vertical: "Discrete Manufacturing".into(),
            segment: "SMB".into(),
            acr_usd_month: 120.5,
            last_transaction: None,
        }],
    )
    .await
    .expect("customers");
    tx.commit().await.expect("commit");
    ws
}

fn file_contains(path: &Path, needle: &[u8]) -> bool {
    let bytes = std::fs::read(path).expect("read file");
    bytes.windows(needle.len()).any(|w| w == needle)
}

mod encryption {
    use super::*;

    #[tokio::test]
    async fn the_database_file_holds_no_plaintext_and_reopens_with_its_key() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws = create_with_one_customer(&dir, KeySource::Keychain, &keychain).await;
        let id = ws.manifest().id.clone();
        ws.close().await;

        let db = dir.join(DATABASE_FILE);
        assert!(!file_contains(&db, b"SQLite format 3"), "no SQLite header");
        assert!(
            !file_contains(&db, "Wiśniewski".as_bytes()),
            "no customer name"
        );
        assert!(!file_contains(&db, b"CREATE TABLE"), "no schema text");
        let manifest_text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).expect("manifest");
        let key = keychain
            .get(&format!("workspace-key:{id}"))
            .expect("keychain")
            .expect("key stored");
        assert!(
            !manifest_text.contains(key.as_str()),
            "the key is never on disk"
        );
        assert!(
            !file_contains(&db, key.as_bytes()),
            "the key is not in the database"
        );

        let ws = Workspace::open(&dir, KeySource::Keychain, &keychain)
            .await
            .expect("reopen");
        let latest = snapshots::list_with_contents(ws.pool())
            .await
            .expect("snapshots");
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].customers, 1);
        let rows = customers::as_of(ws.pool(), latest[0].snapshot.id)
            .await
            .expect("customers");
        assert_eq!(rows[0].name, CUSTOMER_NAME);
        let p = partner::get(ws.pool())
            .await
            .expect("partner")
            .expect("set");
        assert_eq!(p.global_id, "4321987");
        ws.close().await;
        keychain
            .delete(&format!("workspace-key:{id}"))
            .expect("cleanup");
    }

    #[tokio::test]
    async fn a_wrong_key_in_the_keychain_says_so() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws = create_with_one_customer(&dir, KeySource::Keychain, &keychain).await;
        let account = format!("workspace-key:{}", ws.manifest().id);
        ws.close().await;
        keychain
            .set(&account, &"ab".repeat(32))
            .expect("plant another key");
        let err = Workspace::open(&dir, KeySource::Keychain, &keychain)
            .await
            .expect_err("wrong key");
        assert!(matches!(err, StoreError::WrongKey), "{err}");
        keychain.delete(&account).expect("cleanup");
        let err = Workspace::open(&dir, KeySource::Keychain, &keychain)
            .await
            .expect_err("missing key");
        assert!(matches!(err, StoreError::MissingKey(_)), "{err}");
        assert!(err.to_string().contains("no key"), "{err}");
    }

    #[tokio::test]
    async fn sqlcipher_itself_refuses_a_wrong_key_even_without_the_check_value() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws = create_with_one_customer(&dir, passphrase("first passphrase"), &keychain).await;
        ws.close().await;
        // Forge the manifest so the check value matches another passphrase: SQLCipher must still refuse.
        let mut manifest = Manifest::read(&dir).expect("manifest");
        let other = partner_advisor_store::WorkspaceKey::derive(
            "second passphrase",
            manifest.kdf.as_ref().expect("kdf"),
        )
        .expect("derive");
        manifest.key_check = other.check_value();
        manifest.write(&dir).expect("write");
        let err = Workspace::open(&dir, passphrase("second passphrase"), &keychain)
            .await
            .expect_err("refused");
        assert!(matches!(err, StoreError::NotAWorkspace { .. }), "{err}");
    }

    #[tokio::test]
    async fn passphrase_workspaces_open_anywhere_with_the_passphrase_only() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws =
            create_with_one_customer(&dir, passphrase("correct horse battery"), &keychain).await;
        ws.close().await;
        let err = Workspace::open(&dir, KeySource::Keychain, &keychain)
            .await
            .expect_err("needs passphrase");
        assert!(matches!(err, StoreError::PassphraseRequired), "{err}");
        let err = Workspace::open(&dir, passphrase("correct horse battery!"), &keychain)
            .await
            .expect_err("wrong passphrase");
        assert!(matches!(err, StoreError::WrongKey), "{err}");
        assert!(
            !err.to_string().contains("horse"),
            "no passphrase in messages"
        );
        // Another machine: a keychain that has never seen this workspace.
        let ws = Workspace::open(&dir, passphrase("correct horse battery"), &test_keychain())
            .await
            .expect("opens");
        assert_eq!(
            snapshots::totals(ws.pool())
                .await
                .expect("totals")
                .customers,
            1
        );
        ws.close().await;
    }

    #[tokio::test]
    async fn short_passphrases_are_refused_and_leave_nothing_behind() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let err = Workspace::create(
            &dir,
            CreateOptions {
                name: "x".into(),
                key: passphrase("short"),
                is_demo: false,
            },
            &test_keychain(),
        )
        .await
        .expect_err("weak");
        assert!(matches!(err, StoreError::WeakPassphrase(10)), "{err}");
        assert!(!dir.exists(), "no partial workspace");
    }
}

mod refusals {
    use super::*;

    #[tokio::test]
    async fn a_folder_that_does_not_exist() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let err = Workspace::open(
            &tmp.path().join("nope"),
            KeySource::Keychain,
            &test_keychain(),
        )
        .await
        .expect_err("missing");
        assert!(matches!(err, StoreError::WorkspaceNotFound(_)), "{err}");
    }

    #[tokio::test]
    async fn a_folder_that_is_not_a_workspace() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("notes.txt"), "hello").expect("write");
        let err = Workspace::open(tmp.path(), KeySource::Keychain, &test_keychain())
            .await
            .expect_err("not ours");
        assert!(matches!(err, StoreError::NotAWorkspace { .. }), "{err}");
        std::fs::write(
            tmp.path().join(MANIFEST_FILE),
            "{\"format\":\"something-else\"}",
        )
        .expect("write");
        let err = Workspace::open(tmp.path(), KeySource::Keychain, &test_keychain())
            .await
            .expect_err("not ours");
        assert!(
            err.to_string().contains("not a Partner Advisor manifest"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn an_unencrypted_sqlite_file_in_place_of_the_database() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws =
            create_with_one_customer(&dir, passphrase("correct horse battery"), &keychain).await;
        ws.close().await;
        std::fs::remove_file(dir.join(DATABASE_FILE)).expect("remove");
        let mut plain = b"SQLite format 3\0".to_vec();
        plain.resize(4096, 0);
        std::fs::write(dir.join(DATABASE_FILE), plain).expect("write");
        let err = Workspace::open(&dir, passphrase("correct horse battery"), &keychain)
            .await
            .expect_err("plaintext refused");
        assert!(err.to_string().contains("unencrypted"), "{err}");
    }

    #[tokio::test]
    async fn a_workspace_from_a_newer_app() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws =
            create_with_one_customer(&dir, passphrase("correct horse battery"), &keychain).await;
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (29991231000000, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
        )
        .execute(ws.pool())
        .await
        .expect("future migration");
        ws.close().await;
        let err = Workspace::open(&dir, passphrase("correct horse battery"), &keychain)
            .await
            .expect_err("newer");
        assert!(matches!(err, StoreError::NewerVersion { .. }), "{err}");

        let mut manifest = Manifest::read(&dir).expect("manifest");
        manifest.format_version = 99;
        manifest.write(&dir).expect("write");
        let err = Manifest::read(&dir).expect_err("newer manifest");
        assert!(
            matches!(err, StoreError::NewerVersion { found: 99, .. }),
            "{err}"
        );
    }

    #[tokio::test]
    async fn creating_over_an_existing_workspace_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        create_with_one_customer(&dir, passphrase("correct horse battery"), &keychain)
            .await
            .close()
            .await;
        let err = Workspace::create(
            &dir,
            CreateOptions {
                name: "again".into(),
                key: passphrase("correct horse battery"),
                is_demo: false,
            },
            &keychain,
        )
        .await
        .expect_err("exists");
        assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
        let ws = Workspace::open(&dir, passphrase("correct horse battery"), &keychain)
            .await
            .expect("still intact");
        assert_eq!(
            snapshots::totals(ws.pool())
                .await
                .expect("totals")
                .customers,
            1
        );
    }
}

mod transactions {
    use super::*;

    #[tokio::test]
    async fn a_write_that_fails_midway_leaves_the_workspace_as_it_was() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let keychain = test_keychain();
        let ws =
            create_with_one_customer(&dir, passphrase("correct horse battery"), &keychain).await;
        let before = snapshots::totals(ws.pool()).await.expect("totals");
        let mut tx = ws.begin().await.expect("begin");
        snapshots::insert(
            &mut tx,
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            SnapshotSource::Import,
            None,
            Utc::now(),
        )
        .await
        .expect("snapshot");
        // The same tenant twice in one snapshot violates the primary key.
        let mut twice = customers::as_of(ws.pool(), 1).await.expect("customers");
        twice.push(twice[0].clone());
        assert!(customers::insert_many(&mut tx, 2, &twice).await.is_err());
        drop(tx);
        assert_eq!(snapshots::totals(ws.pool()).await.expect("totals"), before);
    }
}

/// A write transaction that read first still commits when another writer came in between: the
/// other waits for it (`BEGIN IMMEDIATE`) instead of the first failing with "database is
/// locked" at its first write, as a window edit beside the minute's lead check once did.
#[tokio::test]
async fn two_writers_take_turns_instead_of_one_failing_as_locked() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = create_with_one_customer(
        &dir.path().join("ws"),
        passphrase("two writers"),
        &test_keychain(),
    )
    .await;
    let mut first = ws.begin().await.expect("begin");
    let name: String = sqlx::query_scalar("SELECT name FROM partner WHERE id = 1")
        .fetch_one(&mut *first)
        .await
        .expect("read");
    assert_eq!(name, "Contoso Partner");
    let pool = ws.pool().clone();
    let second = tokio::spawn(async move {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE partner SET name = 'Second writer' WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    sqlx::query("UPDATE partner SET name = 'First writer' WHERE id = 1")
        .execute(&mut *first)
        .await
        .expect("the first writer writes after reading");
    first.commit().await.expect("commit");
    second
        .await
        .expect("join")
        .expect("the second writer waited its turn");
    let after = partner::get(ws.pool())
        .await
        .expect("read")
        .expect("partner");
    assert_eq!(after.name, "Second writer");
    ws.close().await;
}
