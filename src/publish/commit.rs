//! The commit of `pm publish`: HEAD's tree with exactly the documents and the index page
//! changed, committed as the user on the branch; then the work tree's index page and the
//! user's git index brought along for those paths, and nothing else touched.

use git2::Repository;

use crate::context::Ctx;
use crate::error::Error;
use crate::git::repo::{self, git_error};
use crate::publish::index;
use crate::publish::plan::Plan;
use crate::store::fsio;

/// Commit the plan's documents and the index page on its branch; the paths committed, or
/// `None` when HEAD already has them as they are.
pub(crate) fn commit(
    ctx: &Ctx,
    repo: &Repository,
    plan: &Plan,
) -> Result<Option<Vec<String>>, Error> {
    let index_rel = plan.layout.index.clone();
    let index_page = index::page_for(ctx, repo, &plan.head_tree, &plan.docs, &plan.layout)?;
    let mut changes: Vec<(String, Vec<u8>)> = plan
        .docs
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    changes.push((index_rel.clone(), index_page.clone().into_bytes()));

    let tree_id = repo::tree_with(repo, &plan.head_tree, &changes)?;
    if tree_id == plan.head_tree.id() {
        return Ok(None);
    }
    let tree = repo
        .find_tree(tree_id)
        .map_err(git_error("read the new tree", None))?;
    repo.commit(
        Some(&plan.branch),
        &plan.signature,
        &plan.signature,
        &plan.message,
        &tree,
        &[&plan.head],
    )
    .map_err(git_error(
        "commit",
        Some("someone moved the branch meanwhile; run `pm publish` again".into()),
    ))?;
    // The index page in the work tree gets the same table; edits of its other parts that
    // are not committed stay there, unstaged.
    let index_path = plan.workdir.join(&index_rel);
    let on_disk = std::fs::read_to_string(&index_path).ok();
    // `render` always writes a block, so the fallback (an empty table) is never taken.
    let page = index::with_committed_table(on_disk.as_deref(), &index_page, &index_rel)
        .unwrap_or_else(|| index::render(on_disk.as_deref(), []));
    fsio::write_atomic(&index_path, page)?;
    repo::stage_committed(repo, &tree, &changes)?;
    Ok(Some(changes.into_iter().map(|(path, _)| path).collect()))
}
