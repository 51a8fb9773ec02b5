use super::*;

fn classifier() -> Classifier {
    Classifier::new(&FrameworkSet::builtin().unwrap()).unwrap()
}

#[test]
fn builds_from_the_builtin_framework() {
    let c = classifier();
    assert_eq!(c.targets().len(), 38);
}
