//! Images: upload one (its limits checked first) for an `image_key`.

use super::Client;
use crate::Endpoint;
use crate::api::ImageKeyReply;
use crate::error::pre;
use crate::routes::{self};
use crate::transport::{Call, Upload};
use crate::wire::decode;
use crate::{Error, image};
use card_dsl::ImgKey;
use std::path::Path;

impl Client {
    /// Uploads an image for messages and cards (`image_type: message`) and returns its key.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an image the upload page's limits refuse (empty 234010, over
    /// 10 MB 234006, an unknown format 234011, a resolution over the limit 234039; nothing is
    /// sent); [`Error::Api`] with the server's code; [`Error::Decode`] when the reply has no key
    /// of the documented form; [`Error::Transport`], [`Error::Http`] or
    /// [`Error::RetriesExhausted`] when the request fails.
    pub async fn upload_image(&self, bytes: &[u8]) -> Result<ImgKey, Error> {
        let format = image::check(bytes).map_err(pre(Endpoint::UploadImage))?;
        let call = Call {
            upload: Some(Upload {
                fields: vec![("image_type", "message".to_owned())],
                file_field: "image",
                file_name: format!("image.{}", format.extension()),
                bytes,
            }),
            ..Call::to(&routes::UPLOAD_IMAGE, &[])
        };
        let reply: ImageKeyReply = decode(
            Endpoint::UploadImage,
            self.inner.transport.run(&call).await?,
        )?;
        ImgKey::new(&reply.image_key).map_err(|e| Error::Decode {
            endpoint: Endpoint::UploadImage,
            message: format!("image_key {:?}: {e}", reply.image_key),
        })
    }

    /// Reads an image file and uploads it ([`Client::upload_image`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the file cannot be read (naming the path); otherwise as
    /// [`Client::upload_image`].
    pub async fn upload_image_file(&self, path: impl AsRef<Path>) -> Result<ImgKey, Error> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| Error::Config(format!("cannot read image {}: {e}", path.display())))?;
        self.upload_image(&bytes).await
    }
}
