data "livechat_product_source" "this" {}

output "activated_from" {
  value = "${data.livechat_product_source.this.source_type} (${data.livechat_product_source.this.source_url})"
}
