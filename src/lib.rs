//! rasd
